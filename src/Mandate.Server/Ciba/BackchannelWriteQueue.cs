using System.Data.Common;
using System.Threading.Channels;
using Mandate.Server.Data;
using Mandate.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Mandate.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Ciba;

/// <summary>
/// Writes bc-authorize's units of work (<see cref="BackchannelWrite"/>) with group commit: one writer takes every unit
/// waiting at that moment (up to <see cref="MaxBatch"/>) and writes them in one explicit transaction, so concurrent
/// requests share one <c>BEGIN … COMMIT</c> and the index pages they all touch are written to the database log once.
/// The writer is a thread of its own (<see cref="StartWriter"/>). Before it writes, it yields its processor once (no
/// timer), so that under load the units that requests ready to run are about to add join this transaction; a lone
/// request is written at once, without waiting for company. The rows go in with <c>INSERT</c>s built from EF Core's
/// model (<see cref="EntityInsert"/>), prepared once per writer connection, not tracked. Each unit stays all or
/// nothing: its use is inserted first with <c>ON CONFLICT DO NOTHING</c>; when that inserts no row (the use was
/// recorded before: by an earlier transaction, an earlier unit of this one, or another instance sharing a PostgreSQL
/// database, whose transaction PostgreSQL waits for), only the replay's audit row is written. A request is then held
/// against the person's waiting requests, read in the same transaction (<see cref="PendingRequestPolicy"/>: the caps
/// and collapsing of approval fatigue); refused, only its refusal's audit row is written. A failure of the database
/// fails every unit of the batch, with nothing written. The caller answers only after its unit committed.
/// </summary>
internal sealed class BackchannelWriteQueue(IServiceScopeFactory scopes, TimeProvider time, IOptions<MandateServerOptions> options) : IAsyncDisposable
{
    /// <summary>The most units one transaction writes.</summary>
    public const int MaxBatch = 64;

    /// <summary>How often the uses past their expiry are removed, by the writer, in its next transaction.</summary>
    public static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);

    private readonly PendingRequestPolicy _pending = new(options.Value.Ciba);
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _writer;
    private DateTimeOffset _nextCleanup;
    private Statements? _statements;

    /// <summary>Writes <paramref name="unit"/> and says how (<see cref="BackchannelWriteOutcome"/>).</summary>
    public Task<BackchannelWriteOutcome> WriteAsync(BackchannelWrite unit)
    {
        var pending = new Pending(unit);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(BackchannelWriteQueue));
        }

        if (_writer is null)
        {
            lock (_startLock)
            {
                _writer ??= StartWriter();
            }
        }

        return pending.Written.Task;
    }

    /// <summary>Writes what is queued, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }
    }

    /// <summary>Starts the writer on a thread of its own (<see cref="DedicatedThread"/>): Microsoft.Data.Sqlite's
    /// asynchronous methods complete synchronously, so each commit blocks the thread that makes it; off the pool, that
    /// lowered bc-authorize's p99 by about 1 ms (docs/benchmarks.md, "bc-authorize's tail"). On PostgreSQL the thread
    /// waits for each batch's round trips, which run on the pool.</summary>
    private Task StartWriter() => DedicatedThread.Start("Mandate bc-authorize writer", WriteAll);

    private void WriteAll()
    {
        var batch = new List<Pending>(MaxBatch);
        Writer? writer = null;
        while (WaitToRead())
        {
            batch.Clear();
            Drain(batch);
            if (batch.Count < MaxBatch)
            {
                // Let request work that is ready to run go first: under load it adds its units to this transaction
                // instead of the next one; idle, nothing else is ready and this returns at once.
                Thread.Yield();
                Drain(batch);
            }

            try
            {
                writer ??= Writer.OpenAsync(scopes, _statements).GetAwaiter().GetResult();
                _statements ??= writer.Statements;
                var results = WriteBatchAsync(writer, batch).GetAwaiter().GetResult();
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Written.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Written.TrySetException(e);
                }

                // The next batch starts on a new connection: this one may be broken (a PostgreSQL restart).
                Close(ref writer);
            }
        }

        Close(ref writer);
    }

    /// <summary>Blocks the writer's thread until a unit is queued (true) or the queue is completed and empty (false).</summary>
    private bool WaitToRead()
    {
        var ready = _queue.Reader.WaitToReadAsync();
        return ready.IsCompletedSuccessfully ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    private static void Close(ref Writer? writer)
    {
        if (writer is not null)
        {
            // Closing a broken connection must not end the writer's thread; the next batch opens a new one.
            try
            {
                writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
            }

            writer = null;
        }
    }

    private void Drain(List<Pending> batch)
    {
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    private async Task<BackchannelWriteOutcome[]> WriteBatchAsync(Writer writer, List<Pending> batch)
    {
        var db = writer.Db;
        await using var transaction = await db.BeginWriteTransactionAsync(CancellationToken.None);
        await RemoveExpiredUsesAsync(db);
        var (insertUse, insertRequest, insertAudit) = writer.Enlist(db.Database.CurrentTransaction!.GetDbTransaction());
        var statements = writer.Statements;
        var results = new BackchannelWriteOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var unit = batch[i].Unit;
            if (unit.Use is { } use
                && await statements.Use.ExecuteAsync(insertUse, new UsedJwtId { Id = use.Key, ExpiresAt = use.ExpiresAt }, CancellationToken.None) == 0)
            {
                await statements.Audit.ExecuteAsync(insertAudit, unit.IfReplayed, CancellationToken.None);
                results[i] = BackchannelWriteOutcome.Replay;
                continue;
            }

            results[i] = BackchannelWriteOutcome.Done;
            if (unit.Request is { } request)
            {
                if (_pending.Applies)
                {
                    var decision = await DecideAsync(db, request);
                    results[i] = new BackchannelWriteOutcome(decision.Accepted, false, decision);
                    if (!decision.Accepted)
                    {
                        await statements.Audit.ExecuteAsync(insertAudit, unit.IfTooMany!, CancellationToken.None);
                        continue;
                    }
                }

                await statements.Request.ExecuteAsync(insertRequest, request, CancellationToken.None);
            }

            await statements.Audit.ExecuteAsync(insertAudit, unit.Audit, CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return results;
    }

    /// <summary>Holds <paramref name="request"/> against the person's waiting requests; an accepted request takes over
    /// the identical ones it replaces (they expire now, and it counts their repeats).</summary>
    private async Task<PendingDecision> DecideAsync(MandateDbContext db, BackchannelRequestRecord request)
    {
        var now = time.GetUtcNow();
        var subject = request.Subject;
        var waiting = await db.BackchannelRequests.AsNoTracking()
            .Where(r => r.Subject == subject && r.Status == BackchannelRequestStatus.Pending && r.ExpiresAt > now)
            .OrderBy(r => r.ExpiresAt)
            .Take(MaxBatch)
            .Select(r => new PendingRequest(r.Id, r.ClientId, r.Scopes, r.BindingMessage, r.AuthorizationDetailsJson, r.AcrValues, r.Repeats, r.ExpiresAt))
            .ToListAsync(CancellationToken.None);

        var decision = _pending.Decide(request, waiting, now);
        if (decision.Accepted && decision.Replaces.Count > 0)
        {
            request.Repeats = decision.Repeats;
            var replaced = decision.Replaces;
            await db.BackchannelRequests.Where(r => replaced.Contains(r.Id))
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.ExpiresAt, now), CancellationToken.None);
        }

        return decision;
    }

    private async Task RemoveExpiredUsesAsync(MandateDbContext db)
    {
        var now = time.GetUtcNow();
        if (now >= _nextCleanup)
        {
            _nextCleanup = now + CleanupInterval;
            await db.UsedJwtIds.Where(j => j.ExpiresAt < now).ExecuteDeleteAsync(CancellationToken.None);
        }
    }

    private sealed class Statements(MandateDbContext db)
    {
        public EntityInsert Use { get; } = EntityInsert.For<UsedJwtId>(db, "ON CONFLICT DO NOTHING");

        public EntityInsert Request { get; } = EntityInsert.For<BackchannelRequestRecord>(db);

        public EntityInsert Audit { get; } = EntityInsert.For<AuditEntry>(db);
    }

    /// <summary>The writer's context and its connection, open for as long as writes succeed: its page cache stays warm
    /// (SQLite keeps a connection's cache while no other connection wrote), no batch pays for a connection, and the
    /// three <c>INSERT</c> commands live as long as the connection, so each statement is prepared once per connection
    /// rather than once per transaction (Microsoft.Data.Sqlite keeps a command's prepared statement until the command
    /// is disposed or its text changes).</summary>
    private sealed class Writer(AsyncServiceScope scope, MandateDbContext db, Statements statements) : IAsyncDisposable
    {
        /// <summary>SQLite's page cache for the writer, in KiB (the default is 2 MiB): the index pages that random keys
        /// (request ids, <c>jti</c> hashes) land on stay in memory instead of being read again from the file.</summary>
        private const int SqliteCacheKib = 16 * 1024;

        private readonly DbCommand _use = statements.Use.CreateCommand(db.Database.GetDbConnection());
        private readonly DbCommand _request = statements.Request.CreateCommand(db.Database.GetDbConnection());
        private readonly DbCommand _audit = statements.Audit.CreateCommand(db.Database.GetDbConnection());

        public MandateDbContext Db { get; } = db;

        public Statements Statements { get; } = statements;

        /// <summary>The three commands, enlisted in <paramref name="transaction"/> (the batch's).</summary>
        public (DbCommand Use, DbCommand Request, DbCommand Audit) Enlist(DbTransaction transaction)
        {
            _use.Transaction = transaction;
            _request.Transaction = transaction;
            _audit.Transaction = transaction;
            return (_use, _request, _audit);
        }

        public static async Task<Writer> OpenAsync(IServiceScopeFactory scopes, Statements? statements)
        {
            var scope = scopes.CreateAsyncScope();
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
                await db.Database.OpenConnectionAsync(CancellationToken.None);
                if (db.Database.IsSqlite())
                {
                    await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size=-{SqliteCacheKib};", CancellationToken.None);
                }

                return new Writer(scope, db, statements ?? new Statements(db));
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _use.DisposeAsync();
            await _request.DisposeAsync();
            await _audit.DisposeAsync();
            await Db.Database.CloseConnectionAsync();
            await scope.DisposeAsync();
        }
    }

    private sealed class Pending(BackchannelWrite unit)
    {
        public BackchannelWrite Unit { get; } = unit;

        public TaskCompletionSource<BackchannelWriteOutcome> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
