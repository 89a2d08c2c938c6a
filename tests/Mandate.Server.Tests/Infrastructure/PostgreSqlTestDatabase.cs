using Npgsql;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>A fresh, empty database on the <see cref="PostgreSqlTestServer"/>, dropped when disposed.</summary>
public sealed class PostgreSqlTestDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private PostgreSqlTestDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The value for <c>ConnectionStrings:Mandate</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The server settings that put a test server on this database.</summary>
    public Dictionary<string, string?> Settings() => new() { ["ConnectionStrings:Mandate"] = ConnectionString };

    /// <summary>
    /// Settings for one of several instances on this database whose pool size comes from the server's own setting: the
    /// connection string without <c>Maximum Pool Size</c>, with <c>Application Name</c> = <paramref name="instance"/> so
    /// that each in-process instance gets its own Npgsql pool, as separate processes would.
    /// </summary>
    public Dictionary<string, string?> SettingsWithoutPoolSize(string instance)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = instance };
        builder.Remove("Maximum Pool Size");
        return new() { ["ConnectionStrings:Mandate"] = builder.ConnectionString };
    }

    /// <summary>
    /// Lets at most <paramref name="limit"/> sessions onto this database (<c>ALTER DATABASE … CONNECTION LIMIT</c>, which
    /// the owner may set): one more fails with SQLSTATE 53300, as a full <c>max_connections</c> does, without touching the
    /// shared server's settings.
    /// </summary>
    public Task LimitConnectionsAsync(int limit) =>
        ExecuteAsync(_server, $"ALTER DATABASE \"{_name}\" CONNECTION LIMIT {limit}");

    public static Task<PostgreSqlTestDatabase> CreateAsync() =>
        CreateAsync(PostgreSqlTestServer.ConnectionString ?? throw new InvalidOperationException(PostgreSqlTestServer.SkipReason));

    /// <summary>A fresh database on the server <paramref name="server"/> (a connection string for a role that may create databases).</summary>
    public static async Task<PostgreSqlTestDatabase> CreateAsync(string server)
    {
        var name = "mandate_t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");

        // A bounded pool per database: test classes run side by side on one server (max_connections).
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 25 }.ConnectionString;
        return new PostgreSqlTestDatabase(server, name, connectionString);
    }

    /// <summary>Runs one scalar query on this database (for assertions on what is stored).</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Ends every other session on this database, as a PostgreSQL restart does; returns how many.</summary>
    public Task<int> TerminateOtherSessionsAsync() =>
        ScalarAsync<int>("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        // Not pooled: these connections go to the maintenance database, which the tests otherwise leave alone.
        var admin = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
