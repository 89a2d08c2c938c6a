using System.Text;
using Npgsql;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>A fresh database on the <see cref="PostgreSqlTestServer"/>, dropped when disposed.</summary>
public sealed class PostgreSqlTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name;

    private PostgreSqlTestDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public override string ConnectionString { get; }

    internal override StoreDatabaseProvider Provider => StoreDatabaseProvider.PostgreSql;

    internal static async Task<PostgreSqlTestDatabase> CreateAsync()
    {
        var server = PostgreSqlTestServer.ConnectionString ?? throw new InvalidOperationException(PostgreSqlTestServer.SkipReason);
        var name = "shoestore_t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");

        // A bounded pool per database: test classes run side by side on one server (max_connections).
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 30 }.ConnectionString;
        return new PostgreSqlTestDatabase(server, name, connectionString);
    }

    /// <summary>Every row of every table of the database, as PostgreSQL's text form of the row.</summary>
    public override async Task<string> ReadStoredTextAsync()
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

    public override async ValueTask DisposeAsync()
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
