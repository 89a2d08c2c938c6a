using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mandate.Data;

/// <summary>
/// Where an application's database is: its engine and connection string, picked from the application's settings
/// (<c>ConnectionStrings:&lt;section&gt;</c>, <c>&lt;section&gt;:DatabaseProvider</c> and, for PostgreSQL,
/// <c>&lt;section&gt;:DatabaseMaxPoolSize</c>; docs/deploy.md, "Choosing the database"). The server's
/// <c>MandateDatabase</c> and the store's <c>StoreDatabase</c> are this choice under their own settings.
/// </summary>
internal sealed record DatabaseLocation(DatabaseEngine Engine, string ConnectionString)
{
    /// <summary>
    /// Picks the database. An explicit <paramref name="provider"/> (<c>Sqlite</c> or <c>PostgreSql</c>) wins; otherwise
    /// a connection string naming a server (<c>Host=</c> or <c>Server=</c>) is PostgreSQL, and anything else is SQLite:
    /// a connection string (<c>Data Source=…</c>) or a bare file path. Without a connection string the application uses
    /// <paramref name="defaultFileName"/> in <paramref name="dataDirectory"/>. A PostgreSQL connection string gets
    /// <c>Maximum Pool Size</c> = <paramref name="maxPoolSize"/> unless it sets one itself (<see cref="PostgreSqlPoolSize"/>).
    /// The error never repeats the connection string, which may hold a password.
    /// </summary>
    /// <param name="section">The application's configuration section and connection string name: <c>Mandate</c> or
    /// <c>ShoeStore</c>; the errors name its settings (<c>ConnectionStrings:Mandate</c>, <c>Mandate:DatabaseProvider</c>,
    /// <c>Mandate:DatabaseMaxPoolSize</c>).</param>
    /// <param name="defaultFileName">The SQLite file in <paramref name="dataDirectory"/> when no connection string is set.</param>
    /// <param name="connectionString">The configured connection string or SQLite file path, if any.</param>
    /// <param name="provider">The configured engine (<c>Sqlite</c>, <c>PostgreSql</c>), if any.</param>
    /// <param name="dataDirectory">The application's data folder.</param>
    /// <param name="maxPoolSize">The configured PostgreSQL pool size.</param>
    /// <param name="database">The database, when the settings can work.</param>
    /// <param name="error">Why the settings cannot work, and what to set instead.</param>
    public static bool TryResolve(
        string section, string defaultFileName, string? connectionString, string? provider, string dataDirectory, int maxPoolSize,
        [NotNullWhen(true)] out DatabaseLocation? database, [NotNullWhen(false)] out string? error)
    {
        var names = new SettingNames(section);
        database = null;
        if (!TryParseProvider(provider, out var wanted))
        {
            error = $"{names.Provider} must be Sqlite or PostgreSql, or be left empty to follow the connection string.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (wanted == DatabaseEngine.PostgreSql)
            {
                error = $"{names.Provider} is PostgreSql but {names.Connection} is empty; set it to an Npgsql connection " +
                    "string, e.g. Host=db.example;Database=…;Username=…;Password=….";
                return false;
            }

            database = Sqlite(Path.Combine(Path.GetFullPath(dataDirectory), defaultFileName));
            error = null;
            return true;
        }

        if (!connectionString.Contains('=', StringComparison.Ordinal))
        {
            // A bare path is a SQLite file.
            if (wanted == DatabaseEngine.PostgreSql)
            {
                error = $"{names.Connection} is a file path, but {names.Provider} is PostgreSql; use an Npgsql connection string (Host=…;Database=…).";
                return false;
            }

            database = Sqlite(Path.GetFullPath(connectionString));
            error = null;
            return true;
        }

        var namesServer = NamesServer(connectionString);
        if (namesServer is null)
        {
            error = $"{names.Connection} is not a connection string (Key=value;Key=value) nor a SQLite file path.";
            return false;
        }

        var chosen = wanted ?? (namesServer.Value ? DatabaseEngine.PostgreSql : DatabaseEngine.Sqlite);
        error = chosen == DatabaseEngine.PostgreSql
            ? CheckPostgreSql(connectionString, namesServer.Value, names)
            : CheckSqlite(connectionString, namesServer.Value, names);
        if (error is not null)
        {
            return false;
        }

        if (chosen == DatabaseEngine.PostgreSql)
        {
            error = PostgreSqlPoolSize.Check(connectionString, maxPoolSize, names.Connection, names.Pool);
            if (error is not null)
            {
                return false;
            }

            connectionString = PostgreSqlPoolSize.Apply(connectionString, maxPoolSize);
        }

        database = new DatabaseLocation(chosen, connectionString);
        return true;
    }

    private static bool TryParseProvider(string? value, out DatabaseEngine? provider)
    {
        provider = value?.Trim() switch
        {
            null or "" => null,
            var p when p.Equals(nameof(DatabaseEngine.Sqlite), StringComparison.OrdinalIgnoreCase) => DatabaseEngine.Sqlite,
            var p when p.Equals(nameof(DatabaseEngine.PostgreSql), StringComparison.OrdinalIgnoreCase) => DatabaseEngine.PostgreSql,
            _ => null,
        };
        return provider is not null || string.IsNullOrWhiteSpace(value);
    }

    private static DatabaseLocation Sqlite(string path) =>
        new(DatabaseEngine.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ToString());

    private static bool? NamesServer(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.ContainsKey("Host") || builder.ContainsKey("Server");
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? CheckPostgreSql(string connectionString, bool namesServer, SettingNames names)
    {
        if (!namesServer)
        {
            return $"{names.Connection} must name the PostgreSQL server with Host=… when {names.Provider} is PostgreSql.";
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return $"{names.Connection} is not a valid Npgsql connection string: check its keywords and values " +
                "(https://www.npgsql.org/doc/connection-string-parameters.html).";
        }
    }

    private static string? CheckSqlite(string connectionString, bool namesServer, SettingNames names)
    {
        if (namesServer)
        {
            return $"{names.Connection} names a server (Host=…), but {names.Provider} is Sqlite; use Data Source=<file> or leave the provider empty.";
        }

        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return $"{names.Connection} is not a valid SQLite connection string: use Data Source=<file>, or a bare file path.";
        }
    }

    /// <summary>The settings an error names, with their environment-variable spelling.</summary>
    private readonly record struct SettingNames(string Section)
    {
        public string Provider => $"{Section}:DatabaseProvider (env {Section}__DatabaseProvider)";

        public string Connection => $"ConnectionStrings:{Section} (env ConnectionStrings__{Section})";

        public string Pool => $"{Section}:DatabaseMaxPoolSize (env {Section}__DatabaseMaxPoolSize)";
    }
}
