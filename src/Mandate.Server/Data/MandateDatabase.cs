using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mandate.Server.Data;

/// <summary>
/// The database the server uses: its provider and connection string, read from <c>ConnectionStrings:Mandate</c>
/// (or <c>Mandate:ConnectionString</c>), <c>Mandate:DatabaseProvider</c> and, for PostgreSQL, <c>Mandate:DatabaseMaxPoolSize</c>.
/// </summary>
internal sealed record MandateDatabase(MandateDatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The name under <c>ConnectionStrings</c> (env <c>ConnectionStrings__Mandate</c>).</summary>
    public const string ConnectionStringName = "Mandate";

    /// <summary>The SQLite file used when no connection string is set, inside <c>Mandate:DataDirectory</c>.</summary>
    public const string DefaultFileName = "mandate.db";

    private const string ProviderSetting = "Mandate:DatabaseProvider (env Mandate__DatabaseProvider)";
    private const string ConnectionSetting = "ConnectionStrings:Mandate (env ConnectionStrings__Mandate)";
    private const string PoolSetting = "Mandate:DatabaseMaxPoolSize (env Mandate__DatabaseMaxPoolSize)";

    /// <summary>
    /// Picks the database. An explicit <paramref name="provider"/> (<c>Sqlite</c> or <c>PostgreSql</c>) wins; otherwise
    /// a connection string naming a server (<c>Host=</c> or <c>Server=</c>) is PostgreSQL, and anything else is SQLite:
    /// a connection string (<c>Data Source=…</c>) or a bare file path. Without a connection string the server uses
    /// <see cref="DefaultFileName"/> in <paramref name="dataDirectory"/>. A PostgreSQL connection string gets
    /// <c>Maximum Pool Size</c> = <paramref name="maxPoolSize"/> unless it sets one itself (<see cref="PostgreSqlPoolSize"/>).
    /// The error never repeats the connection string, which may hold a password.
    /// </summary>
    public static bool TryResolve(
        string? connectionString, string? provider, string dataDirectory, int maxPoolSize,
        [NotNullWhen(true)] out MandateDatabase? database, [NotNullWhen(false)] out string? error)
    {
        database = null;
        if (!TryParseProvider(provider, out var wanted))
        {
            error = $"{ProviderSetting} must be Sqlite or PostgreSql, or be left empty to follow the connection string.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (wanted == MandateDatabaseProvider.PostgreSql)
            {
                error = $"{ProviderSetting} is PostgreSql but {ConnectionSetting} is empty; set it to an Npgsql connection " +
                    "string, e.g. Host=db.example;Database=mandate;Username=mandate;Password=….";
                return false;
            }

            database = Sqlite(Path.Combine(Path.GetFullPath(dataDirectory), DefaultFileName));
            error = null;
            return true;
        }

        if (!connectionString.Contains('=', StringComparison.Ordinal))
        {
            // A bare path is a SQLite file.
            if (wanted == MandateDatabaseProvider.PostgreSql)
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

        var chosen = wanted ?? (namesServer.Value ? MandateDatabaseProvider.PostgreSql : MandateDatabaseProvider.Sqlite);
        error = chosen == MandateDatabaseProvider.PostgreSql ? CheckPostgreSql(connectionString, namesServer.Value) : CheckSqlite(connectionString, namesServer.Value);
        if (error is not null)
        {
            return false;
        }

        if (chosen == MandateDatabaseProvider.PostgreSql)
        {
            error = PostgreSqlPoolSize.Check(connectionString, maxPoolSize, ConnectionSetting, PoolSetting);
            if (error is not null)
            {
                return false;
            }

            connectionString = PostgreSqlPoolSize.Apply(connectionString, maxPoolSize);
        }

        database = new MandateDatabase(chosen, connectionString);
        return true;
    }

    private static bool TryParseProvider(string? value, out MandateDatabaseProvider? provider)
    {
        provider = value?.Trim() switch
        {
            null or "" => null,
            var p when p.Equals(nameof(MandateDatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase) => MandateDatabaseProvider.Sqlite,
            var p when p.Equals(nameof(MandateDatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase) => MandateDatabaseProvider.PostgreSql,
            _ => null,
        };
        return provider is not null || string.IsNullOrWhiteSpace(value);
    }

    private static MandateDatabase Sqlite(string path) =>
        new(MandateDatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ToString());

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
