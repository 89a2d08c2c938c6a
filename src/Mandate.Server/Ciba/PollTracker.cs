using Mandate.Server.Data;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>
/// The last poll of each pending CIBA request and its current interval (CIBA §11 <c>slow_down</c>), kept in memory so
/// that answering a pending poll writes nothing, and a poll sooner than its interval is answered without reading the
/// request (<see cref="TryAnswerTooEarly"/>).
/// <para>
/// Exact on this instance: an entry says "pending" only while no decision could have been missed. Every decision,
/// redemption or expiry seen by this instance calls <see cref="Forget"/>, which drops the entry and advances a
/// counter; a poll notes the counter (<see cref="Version"/>) before it reads the request, and
/// <see cref="Record"/> keeps the entry usable for answers from memory only when no <see cref="Forget"/> happened
/// in between (otherwise the read may predate a decision: the next poll reads the database again). Decisions made on
/// other instances arrive through <c>PostgreSqlDeviceEventRelay</c> (docs/server.md, "Polling").
/// </para>
/// </summary>
internal sealed class PollTracker(TimeProvider time)
{
    /// <summary>Every this many recorded polls, entries of expired requests are dropped.</summary>
    private const int SweepEvery = 4096;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hashById = new(StringComparer.Ordinal);
    private long _version;
    private int _recorded;
    private bool _suspended;

    /// <summary>Number of requests tracked (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byHash.Count;
            }
        }
    }

    /// <summary>Advances on every <see cref="Forget"/>; read it before reading a request and pass it to
    /// <see cref="Record"/>.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Copies the tracked poll time and interval onto <paramref name="request"/> (a detached copy).</summary>
    public void Apply(BackchannelRequestRecord request)
    {
        lock (_lock)
        {
            if (_byHash.TryGetValue(request.AuthReqIdHash, out var entry) && entry.Id == request.Id)
            {
                request.LastPolledAt = entry.LastPolledAt;
                request.IntervalSeconds = Math.Max(request.IntervalSeconds, entry.IntervalSeconds);
            }
        }
    }

    /// <summary>
    /// Answers a poll from memory when this instance knows the request (by the hash of its <c>auth_req_id</c>) as
    /// pending for <paramref name="clientId"/>, unexpired, and the poll comes sooner than its interval: the decision
    /// is <see cref="BackchannelRequestStateMachine.Poll"/>'s on a snapshot of the entry, taken only when it is
    /// <c>slow_down</c> (CIBA §11), and the poll and raised interval are recorded. Any other case returns false and
    /// the caller reads the request.
    /// </summary>
    public bool TryAnswerTooEarly(string authReqIdHash, string clientId, DateTimeOffset now, out PollDecision decision)
    {
        lock (_lock)
        {
            if (_byHash.TryGetValue(authReqIdHash, out var entry) && !_suspended && entry.KnownPending && entry.ClientId == clientId)
            {
                var snapshot = new BackchannelRequestRecord
                {
                    Id = entry.Id,
                    AuthReqIdHash = authReqIdHash,
                    ClientId = entry.ClientId,
                    Status = BackchannelRequestStatus.Pending,
                    ExpiresAt = entry.ExpiresAt,
                    LastPolledAt = entry.LastPolledAt,
                    IntervalSeconds = entry.IntervalSeconds,
                };
                var answer = BackchannelRequestStateMachine.Poll(snapshot, clientId, now);
                if (ReferenceEquals(answer.Error, OAuthError.SlowDown))
                {
                    _byHash[authReqIdHash] = entry with { LastPolledAt = now, IntervalSeconds = answer.IntervalSeconds };
                    decision = answer;
                    return true;
                }
            }
        }

        decision = null!;
        return false;
    }

    /// <summary>Records a poll of a pending request read from the store and its (possibly raised) interval.
    /// <paramref name="versionBeforeRead"/> is <see cref="Version"/> taken before the read: when a request was
    /// forgotten since, the entry keeps the poll time for the interval check but is not used to answer from memory.</summary>
    public void Record(BackchannelRequestRecord request, DateTimeOffset now, int intervalSeconds, long versionBeforeRead)
    {
        lock (_lock)
        {
            var knownPending = !_suspended && request.Status == BackchannelRequestStatus.Pending && _version == versionBeforeRead;
            _byHash[request.AuthReqIdHash] = new Entry(request.Id, request.ClientId, now, intervalSeconds, request.ExpiresAt, knownPending);
            _hashById[request.Id] = request.AuthReqIdHash;
        }

        if (Interlocked.Increment(ref _recorded) % SweepEvery == 0)
        {
            Sweep();
        }
    }

    /// <summary>Forgets a request that is no longer pending (decided, redeemed or expired), by its device id.</summary>
    public void Forget(string id)
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _version);
            if (_hashById.Remove(id, out var hash))
            {
                _byHash.Remove(hash);
            }
        }
    }

    /// <summary>Stops answering from memory, and makes every entry recorded so far unusable for it, while decisions
    /// made on other instances may go unseen (the relay between instances is not listening).</summary>
    public void Suspend()
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _version);
            _suspended = true;
            foreach (var (hash, entry) in _byHash)
            {
                if (entry.KnownPending)
                {
                    _byHash[hash] = entry with { KnownPending = false };
                }
            }
        }
    }

    /// <summary>Answers from memory again, for polls whose read starts from now on (the relay listens again).</summary>
    public void Resume()
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _version);
            _suspended = false;
        }
    }

    /// <summary>Drops the entries of expired requests.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var (hash, entry) in _byHash)
            {
                if (entry.ExpiresAt <= now)
                {
                    _byHash.Remove(hash);
                    _hashById.Remove(entry.Id);
                }
            }
        }
    }

    private readonly record struct Entry(string Id, string ClientId, DateTimeOffset LastPolledAt, int IntervalSeconds, DateTimeOffset ExpiresAt, bool KnownPending);
}
