using Npgsql;

namespace Mandate.Server.Data;

/// <summary>
/// Serializes the start-up work of instances that share one PostgreSQL database (seed, server keys, the first
/// data-protection key) with a session-level advisory lock, so that two instances starting at once on an empty
/// database create each of them once. On SQLite (one instance) it holds nothing.
/// </summary>
internal sealed class MandateStartupLock(MandateDatabase database)
{
    /// <summary>The advisory lock's key: "Mandate" in ASCII.</summary>
    private const long LockKey = 0x4d616e64617465;

    /// <summary>How long an instance waits for another one's start-up before it gives up.</summary>
    private const int WaitSeconds = 120;

    /// <summary>Waits for the lock; dispose the result to release it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != MandateDatabaseProvider.PostgreSql)
        {
            return NotHeld.Instance;
        }

        // Not pooled: closing the connection releases the lock even if the unlock below cannot run.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString;
        var connection = new NpgsqlConnection(connectionString);
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
