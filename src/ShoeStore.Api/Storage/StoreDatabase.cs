using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace ShoeStore.Api.Storage;

/// <summary>
/// The database the store uses: its provider and connection string, read from <c>ConnectionStrings:ShoeStore</c>,
/// <c>ShoeStore:DatabaseProvider</c> and, for PostgreSQL, <c>ShoeStore:DatabaseMaxPoolSize</c> by the rules the server
/// shares (<see cref="DatabaseLocation"/>).
/// </summary>
internal sealed record StoreDatabase(StoreDatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The name under <c>ConnectionStrings</c> (env <c>ConnectionStrings__ShoeStore</c>) and the settings' section.</summary>
    public const string ConnectionStringName = "ShoeStore";

    /// <summary>The SQLite file used when no connection string is set, inside <c>ShoeStore:DataDirectory</c>.</summary>
    public const string DefaultFileName = "shoestore.db";

    /// <summary>
    /// Picks the database (<see cref="DatabaseLocation.TryResolve"/>); the error names the store's settings and never
    /// repeats the connection string, which may hold a password.
    /// </summary>
    public static bool TryResolve(
        string? connectionString, string? provider, string dataDirectory, int maxPoolSize,
        [NotNullWhen(true)] out StoreDatabase? database, [NotNullWhen(false)] out string? error)
    {
        database = DatabaseLocation.TryResolve(ConnectionStringName, DefaultFileName, connectionString, provider, dataDirectory, maxPoolSize, out var location, out error)
            ? new StoreDatabase(location.Engine == DatabaseEngine.PostgreSql ? StoreDatabaseProvider.PostgreSql : StoreDatabaseProvider.Sqlite, location.ConnectionString)
            : null;
        return database is not null;
    }

    /// <summary>For a SQLite file, the folder it lives in (created at start); null for PostgreSQL or an in-memory database.</summary>
    public string? SqliteDirectory()
    {
        if (Provider != StoreDatabaseProvider.Sqlite)
        {
            return null;
        }

        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" ||
            builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
    }
}
