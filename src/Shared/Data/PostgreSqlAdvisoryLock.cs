using Npgsql;

namespace Mandate.Data;

/// <summary>
/// A PostgreSQL session-level advisory lock (PostgreSQL "Advisory Locks"), held on a connection of its own, not pooled,
/// so that closing it releases the lock even if the unlock cannot run. Instances that share one database take turns
/// with it at start-up (migrations, seeds, keys): EF Core's own migration lock ends with the first migration's
/// transaction, so two instances could otherwise apply the same later migration at once.
/// </summary>
internal static class PostgreSqlAdvisoryLock
{
    /// <summary>How long an instance waits for another one's start-up before it gives up.</summary>
    private const int WaitSeconds = 120;

    /// <summary>Waits for the lock <paramref name="key"/> on the database of <paramref name="connectionString"/>;
    /// dispose the result to release it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", key, cancellationToken);
            return new Held(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Nothing to release: for a database that needs no lock (SQLite, one instance).</summary>
    public static IAsyncDisposable None { get; } = new NotHeld();

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = WaitSeconds };
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", key, CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and the server released the lock with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NotHeld : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
