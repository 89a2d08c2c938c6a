using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mandate.Server.Logging;

namespace Mandate.Server.Data;

/// <summary>
/// Takes SQLite's checkpoints off the commit path. In write-ahead-log mode a commit appends pages to the log, and by
/// default the commit that takes the log past 1,000 pages also copies them into the database file and waits for two
/// <c>fsync</c>s: under bc-authorize's load that was one commit in every ~110 requests, and it was the tail of the
/// latency (docs/benchmarks.md). Here a connection of its own runs <c>PRAGMA wal_checkpoint(PASSIVE)</c> every
/// <see cref="Interval"/> (<see cref="CheckpointAsync"/>): the bulk of it beside the writers, the last pages while
/// holding the write gate for a moment, so that the next commit starts the log from its beginning again and the log
/// stays about one interval's pages long. The connections' own automatic checkpoint stays as a backstop at <see cref="AutoCheckpointPages"/>
/// pages (<see cref="SqliteConnectionTuning"/>), for a checkpointer that falls behind. A file database only; an
/// in-memory one has no log, and PostgreSQL checkpoints by itself.
/// </summary>
internal sealed class SqliteCheckpointer(IServiceProvider services, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How often the log is copied into the database file.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The log's size, in pages, at which a commit checkpoints by itself (SQLite's default is 1,000).</summary>
    public const int AutoCheckpointPages = 4_096;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var database = services.GetRequiredService<MandateDatabase>();
        if (database.Provider != MandateDatabaseProvider.Sqlite || !IsFile(database.ConnectionString))
        {
            return;
        }

        var gate = SqliteWriteGate.For(database.ConnectionString);
        using var timer = new PeriodicTimer(Interval);
        SqliteConnection? connection = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    connection ??= await OpenAsync(database.ConnectionString, stoppingToken);
                    await CheckpointAsync(connection, gate, stoppingToken);
                }
                catch (SqliteException e)
                {
                    // The next tick tries again on a new connection; the commits' own checkpoint covers the gap.
                    Log.CheckpointFailed(logger, e.SqliteErrorCode);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>True when the connection string names a database file (not <c>:memory:</c> or a shared in-memory URI).</summary>
    public static bool IsFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode != SqliteOpenMode.Memory
            && builder.DataSource.Length > 0
            && !builder.DataSource.Equals(":memory:", StringComparison.Ordinal)
            && !builder.DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Copies the log into the database file in two passes. The first runs beside the writers and does the bulk of the
    /// work (most of the pages, and the <c>fsync</c> of the file). The second holds the process's write gate
    /// (<see cref="SqliteWriteGate"/>) for the few pages committed meanwhile, so that the log is complete in the file
    /// when the next writer begins, and SQLite starts the log from its beginning again instead of letting it grow.
    /// </summary>
    public static async Task CheckpointAsync(SqliteConnection connection, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        if (!await PassiveAsync(connection, cancellationToken))
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await PassiveAsync(connection, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>One <c>PRAGMA wal_checkpoint(PASSIVE)</c> (it answers: busy, pages in the log, pages of the log now in
    /// the file); true when pages were committed meanwhile that are not in the file yet.</summary>
    private static async Task<bool> PassiveAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && reader.GetInt64(2) < reader.GetInt64(1);
    }

    private static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Outside the pool: this connection lives as long as the service.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
