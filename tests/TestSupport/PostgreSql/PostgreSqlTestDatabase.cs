using System.Globalization;
using System.Text;
using Npgsql;

namespace Mandate.TestSupport.PostgreSql;

/// <summary>
/// A fresh, empty database on a PostgreSQL server (by default the <see cref="PostgreSqlTestServer"/>), dropped when
/// disposed: one per test class or test, so that test classes run side by side (docs/testing.md).
/// </summary>
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

    /// <summary>The Npgsql connection string of this database, with its bounded pool.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Creates a database named <paramref name="namePrefix"/> and a GUID on <paramref name="server"/> (a connection string for
    /// a role that may create databases; the <see cref="PostgreSqlTestServer"/> when null). Its connection string bounds the
    /// pool to <paramref name="maxPoolSize"/>: test classes run side by side on one server (<c>max_connections</c>).
    /// </summary>
    public static async Task<PostgreSqlTestDatabase> CreateAsync(string? server = null, int maxPoolSize = 25, string namePrefix = "mandate_t_")
    {
        server ??= PostgreSqlTestServer.ConnectionString ?? throw new InvalidOperationException(PostgreSqlTestServer.SkipReason);
        var name = namePrefix + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString;
        return new PostgreSqlTestDatabase(server, name, connectionString);
    }

    /// <summary>
    /// The connection string without <c>Maximum Pool Size</c> (so the application's own pool setting applies), with
    /// <c>Application Name</c> = <paramref name="instance"/> so that each in-process instance gets its own Npgsql pool, as
    /// separate processes would.
    /// </summary>
    public string ConnectionStringWithoutPoolSize(string instance)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = instance };
        builder.Remove("Maximum Pool Size");
        return builder.ConnectionString;
    }

    /// <summary>
    /// Lets at most <paramref name="limit"/> sessions onto this database (<c>ALTER DATABASE … CONNECTION LIMIT</c>, which
    /// the owner may set): one more fails with SQLSTATE 53300, as a full <c>max_connections</c> does, without touching the
    /// shared server's settings.
    /// </summary>
    public Task LimitConnectionsAsync(int limit) =>
        ExecuteAsync(_server, $"ALTER DATABASE \"{_name}\" CONNECTION LIMIT {limit}");

    /// <summary>Runs one scalar query on this database (for assertions on what is stored).</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>Ends every other session on this database, as a PostgreSQL restart does; returns how many.</summary>
    public Task<int> TerminateOtherSessionsAsync() =>
        ScalarAsync<int>("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

    /// <summary>Every row of every table in the public schema, as PostgreSQL's text form of the row: to prove that something was never stored.</summary>
    public async Task<string> ReadAllRowsAsTextAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"{table}\" t", connection);
            text.AppendLine((string?)await rows.ExecuteScalarAsync());
        }

        return text.ToString();
    }

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
