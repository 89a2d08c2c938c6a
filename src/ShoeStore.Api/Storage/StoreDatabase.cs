using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ShoeStore.Api.Storage;

/// <summary>
/// The database the store uses: its provider and connection string, read from <c>ConnectionStrings:ShoeStore</c>
/// <c>ShoeStore:DatabaseProvider</c> and, for PostgreSQL, <c>ShoeStore:DatabaseMaxPoolSize</c>.
/// </summary>
internal sealed record StoreDatabase(StoreDatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The name under <c>ConnectionStrings</c> (env <c>ConnectionStrings__ShoeStore</c>).</summary>
    public const string ConnectionStringName = "ShoeStore";

    /// <summary>The SQLite file used when no connection string is set, inside <c>ShoeStore:DataDirectory</c>.</summary>
    public const string DefaultFileName = "shoestore.db";

    private const string ProviderSetting = "ShoeStore:DatabaseProvider (env ShoeStore__DatabaseProvider)";
    private const string ConnectionSetting = "ConnectionStrings:ShoeStore (env ConnectionStrings__ShoeStore)";
    private const string PoolSetting = "ShoeStore:DatabaseMaxPoolSize (env ShoeStore__DatabaseMaxPoolSize)";

    /// <summary>
    /// Picks the database. An explicit <paramref name="provider"/> (<c>Sqlite</c> or <c>PostgreSql</c>) wins; otherwise
    /// a connection string naming a server (<c>Host=</c> or <c>Server=</c>) is PostgreSQL, and anything else is SQLite:
    /// a connection string (<c>Data Source=…</c>) or a bare file path. Without a connection string the store uses
    /// <see cref="DefaultFileName"/> in <paramref name="dataDirectory"/>. A PostgreSQL connection string gets
    /// <c>Maximum Pool Size</c> = <paramref name="maxPoolSize"/> unless it sets one itself (<see cref="PostgreSqlPoolSize"/>).
    /// The error never repeats the connection string, which may hold a password.
    /// </summary>
    public static bool TryResolve(
        string? connectionString, string? provider, string dataDirectory, int maxPoolSize,
        [NotNullWhen(true)] out StoreDatabase? database, [NotNullWhen(false)] out string? error)
    {
        database = null;
        if (!TryParseProvider(provider, out var wanted))
        {
            error = $"{ProviderSetting} must be Sqlite or PostgreSql, or be left empty to follow the connection string.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (wanted == StoreDatabaseProvider.PostgreSql)
            {
                error = $"{ProviderSetting} is PostgreSql but {ConnectionSetting} is empty; set it to an Npgsql connection " +
                    "string, e.g. Host=db.example;Database=shoestore;Username=shoestore;Password=….";
                return false;
            }

            database = Sqlite(Path.Combine(Path.GetFullPath(dataDirectory), DefaultFileName));
            error = null;
            return true;
        }

        if (!connectionString.Contains('=', StringComparison.Ordinal))
        {
            // A bare path is a SQLite file.
            if (wanted == StoreDatabaseProvider.PostgreSql)
            {
                error = $"{ConnectionSetting} is a file path, but {ProviderSetting} is PostgreSql; use an Npgsql connection string (Host=…;Database=…).";
                return false;
            }

            database = Sqlite(Path.GetFullPath(connectionString));
            error = null;
            return true;
        }

        var namesServer = NamesServer(connectionString);
        if (namesServer is null)
        {
            error = $"{ConnectionSetting} is not a connection string (Key=value;Key=value) nor a SQLite file path.";
            return false;
        }

        var chosen = wanted ?? (namesServer.Value ? StoreDatabaseProvider.PostgreSql : StoreDatabaseProvider.Sqlite);
        error = chosen == StoreDatabaseProvider.PostgreSql ? CheckPostgreSql(connectionString, namesServer.Value) : CheckSqlite(connectionString, namesServer.Value);
        if (error is not null)
        {
            return false;
        }

        if (chosen == StoreDatabaseProvider.PostgreSql)
        {
            error = PostgreSqlPoolSize.Check(connectionString, maxPoolSize, ConnectionSetting, PoolSetting);
            if (error is not null)
            {
                return false;
            }

            connectionString = PostgreSqlPoolSize.Apply(connectionString, maxPoolSize);
        }

        database = new StoreDatabase(chosen, connectionString);
        return true;
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

    private static bool TryParseProvider(string? value, out StoreDatabaseProvider? provider)
    {
        provider = value?.Trim() switch
        {
            null or "" => null,
            var p when p.Equals(nameof(StoreDatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase) => StoreDatabaseProvider.Sqlite,
            var p when p.Equals(nameof(StoreDatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase) => StoreDatabaseProvider.PostgreSql,
            _ => null,
        };
        return provider is not null || string.IsNullOrWhiteSpace(value);
    }

    private static StoreDatabase Sqlite(string path) =>
        new(StoreDatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ToString());

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

    private static string? CheckPostgreSql(string connectionString, bool namesServer)
    {
        if (!namesServer)
        {
            return $"{ConnectionSetting} must name the PostgreSQL server with Host=… when {ProviderSetting} is PostgreSql.";
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return $"{ConnectionSetting} is not a valid Npgsql connection string: check its keywords and values " +
                "(https://www.npgsql.org/doc/connection-string-parameters.html).";
        }
    }

    private static string? CheckSqlite(string connectionString, bool namesServer)
    {
        if (namesServer)
        {
            return $"{ConnectionSetting} names a server (Host=…), but {ProviderSetting} is Sqlite; use Data Source=<file> or leave the provider empty.";
        }

        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return $"{ConnectionSetting} is not a valid SQLite connection string: use Data Source=<file>, or a bare file path.";
        }
    }
}
