using Npgsql;

namespace ShoeStore.Api.Storage;

/// <summary>
/// Serializes the start-up of store instances that share one PostgreSQL database (migrations, then the seed) with a
/// session-level advisory lock: EF Core's own migration lock does not keep two instances from applying the same later
/// migration at once ("column … already exists"), which <c>ConcurrentStartTests</c> shows. On SQLite (one instance)
/// it holds nothing.
/// </summary>
internal static class StoreStartupLock
{
    /// <summary>The advisory lock's key: "ShoeStor" in ASCII.</summary>
    private const long LockKey = 0x53686f6553746f72;

    /// <summary>How long an instance waits for another one's start-up before it gives up.</summary>
    private const int WaitSeconds = 120;

    /// <summary>Waits for the lock; dispose the result to release it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(StoreDatabase database, CancellationToken cancellationToken)
    {
        if (database.Provider != StoreDatabaseProvider.PostgreSql)
        {
            return NotHeld.Instance;
        }

        // Not pooled: closing the connection releases the lock even if the unlock below cannot run.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = WaitSeconds };
        command.Parameters.AddWithValue("key", LockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
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
        public static readonly NotHeld Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
