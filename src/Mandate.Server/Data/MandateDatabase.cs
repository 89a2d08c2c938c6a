using System.Diagnostics.CodeAnalysis;

namespace Mandate.Server.Data;

/// <summary>
/// The database the server uses: its provider and connection string, read from <c>ConnectionStrings:Mandate</c>
/// (or <c>Mandate:ConnectionString</c>), <c>Mandate:DatabaseProvider</c> and, for PostgreSQL, <c>Mandate:DatabaseMaxPoolSize</c>
/// by the rules the store shares (<see cref="DatabaseLocation"/>).
/// </summary>
internal sealed record MandateDatabase(MandateDatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The name under <c>ConnectionStrings</c> (env <c>ConnectionStrings__Mandate</c>) and the settings' section.</summary>
    public const string ConnectionStringName = "Mandate";

    /// <summary>The SQLite file used when no connection string is set, inside <c>Mandate:DataDirectory</c>.</summary>
    public const string DefaultFileName = "mandate.db";

    /// <summary>
    /// Picks the database (<see cref="DatabaseLocation.TryResolve"/>); the error names the server's settings and never
    /// repeats the connection string, which may hold a password.
    /// </summary>
    public static bool TryResolve(
        string? connectionString, string? provider, string dataDirectory, int maxPoolSize,
        [NotNullWhen(true)] out MandateDatabase? database, [NotNullWhen(false)] out string? error)
    {
        database = DatabaseLocation.TryResolve(ConnectionStringName, DefaultFileName, connectionString, provider, dataDirectory, maxPoolSize, out var location, out error)
            ? new MandateDatabase(location.Engine == DatabaseEngine.PostgreSql ? MandateDatabaseProvider.PostgreSql : MandateDatabaseProvider.Sqlite, location.ConnectionString)
            : null;
        return database is not null;
    }
}
