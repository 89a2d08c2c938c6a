using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mandate.Server.Hosting;
using Mandate.Server.Logging;

namespace Mandate.Server.Data;

/// <summary>
/// Takes SQLite's checkpoints off the commit path. In write-ahead-log mode a commit appends pages to the log, and by
/// default the commit that takes the log past 1,000 pages also copies them into the database file and waits for two
/// <c>fsync</c>s: under bc-authorize's load that was one commit in every ~110 requests, and it was the tail of the
/// latency (docs/benchmarks.md). Here a connection of its own, on a thread of its own, runs
/// <c>PRAGMA wal_checkpoint(PASSIVE)</c> beside the writers (<see cref="Checkpoint"/>): every <see cref="BusyInterval"/>
/// while commits arrive, so that each checkpoint's <c>fsync</c> of the database file is small (a large one holds up the
/// writers' appends to the log on the same file system), and every <see cref="IdleInterval"/> once a checkpoint finds
/// the log as it left it. Once the log is <see cref="RestartPages"/> long, it holds the write gate for a moment to copy
/// the last pages, so that the next commit starts the log from its beginning again. The connections' own automatic
/// checkpoint stays as a backstop at <see cref="AutoCheckpointPages"/> pages (<see cref="SqliteConnectionTuning"/>),
/// for a checkpointer that falls behind. A file database only; an in-memory one has no log, and PostgreSQL checkpoints
/// by itself.
/// </summary>
internal sealed class SqliteCheckpointer(IServiceProvider services, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How soon the next checkpoint runs after one that found new pages in the log. Each checkpoint ends with
    /// an <c>fsync</c> of what it copied, and the writers' appends to the log wait while a large one is written out:
    /// under a sustained bc-authorize load, checkpoints 2 s apart put p99 at 44–88 ms, 250 ms apart at about 7.8 ms,
    /// 50 ms at 6.2–7.1 ms and 15 ms at 5.9 ms (docs/benchmarks.md, "bc-authorize's tail").</summary>
    public static readonly TimeSpan BusyInterval = TimeSpan.FromMilliseconds(15);

    /// <summary>How soon the next checkpoint runs after one that found the log as the previous one left it (nothing
    /// was committed in between).</summary>
    public static readonly TimeSpan IdleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The log's size, in pages (128 MiB of 4 KiB pages), from which the checkpointer makes the log start over.
    /// Readers skip the pages already copied into the file, so a long log costs disk space, not lookups. Each start-over
    /// holds the writers back for a copy and an <c>fsync</c>: under a sustained bc-authorize load (a commit rewrites the
    /// last page of each index, so the log grows by several KiB a request) 32 MiB came round often and was a large part
    /// of the p99 (docs/benchmarks.md); 128 MiB comes round a quarter as often. An idle or lightly loaded log starts over
    /// by itself once the checkpoints catch up, long before this size.</summary>
    public const int RestartPages = 32_768;

    /// <summary>The log's size, in pages, at which a commit checkpoints by itself (SQLite's default is 1,000).</summary>
    public const int AutoCheckpointPages = 2 * RestartPages;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var database = services.GetRequiredService<MandateDatabase>();
        if (database.Provider != MandateDatabaseProvider.Sqlite || !IsFile(database.ConnectionString))
        {
            return Task.CompletedTask;
        }

        // A thread of its own: a checkpoint blocks in fsync for milliseconds; on the pool that raised bc-authorize's p99
        // by about 0.7 ms (docs/benchmarks.md, "bc-authorize's tail").
        return DedicatedThread.Start("Mandate SQLite checkpointer", () => Run(database.ConnectionString, stoppingToken));
    }

    /// <summary>Checkpoints until <paramref name="stoppingToken"/> is cancelled, <see cref="NextInterval"/> apart.</summary>
    private void Run(string connectionString, CancellationToken stoppingToken)
    {
        var gate = SqliteWriteGate.For(connectionString);
        SqliteConnection? connection = null;
        var interval = IdleInterval;
        (long Log, long Checkpointed) found = default;
        try
        {
            while (!stoppingToken.WaitHandle.WaitOne(interval))
            {
                try
                {
                    connection ??= Open(connectionString);
                    var previous = found;
                    found = Checkpoint(connection, gate, RestartPages, stoppingToken);
                    interval = NextInterval(previous, found);
                }
                catch (SqliteException e)
                {
                    // The next round tries again on a new connection; the commits' own checkpoint covers the gap.
                    Log.CheckpointFailed(logger, e.SqliteErrorCode);
                    interval = IdleInterval;
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>The wait before the next checkpoint: <see cref="BusyInterval"/> when the log moved since the previous
    /// one (<c>PRAGMA wal_checkpoint</c>'s page counts differ), otherwise <see cref="IdleInterval"/>.</summary>
    public static TimeSpan NextInterval((long Log, long Checkpointed) previous, (long Log, long Checkpointed) found) =>
        found == previous ? IdleInterval : BusyInterval;

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
    /// Copies the log into the database file. A first pass runs beside the writers and does the bulk of the work (the
    /// pages, and the <c>fsync</c> of the file). When the log is at least <paramref name="restartPages"/> long and pages
    /// were committed during that pass, a second pass holds the process's write gate (<see cref="SqliteWriteGate"/>)
    /// for those few pages, so that the log is complete in the file when the next writer begins, and SQLite starts it
    /// from its beginning again instead of letting it grow. Returns the first pass's page counts: the pages in the log,
    /// and how many of them are in the file. Blocks its thread while it works and while it waits for the gate.
    /// </summary>
    public static (long Log, long Checkpointed) Checkpoint(SqliteConnection connection, SemaphoreSlim gate, int restartPages, CancellationToken cancellationToken)
    {
        var found = Passive(connection);
        if (found.Log < restartPages || found.Checkpointed >= found.Log)
        {
            return found;
        }

        gate.Wait(cancellationToken);
        try
        {
            Passive(connection);
        }
        finally
        {
            gate.Release();
        }

        return found;
    }

    /// <summary>One <c>PRAGMA wal_checkpoint(PASSIVE)</c>: the pages in the log, and how many of them are in the file.</summary>
    private static (long Log, long Checkpointed) Passive(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        // Columns: busy, pages in the log, pages of the log copied into the file (both -1 when not in WAL mode).
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    private static SqliteConnection Open(string connectionString)
    {
        // Outside the pool: this connection lives as long as the service.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
