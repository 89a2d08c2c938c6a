using System.Collections.Concurrent;
using Mandate.Server.Data;

namespace Mandate.Server.Ciba;

/// <summary>
/// The last poll of each pending CIBA request and its current interval (CIBA §11 <c>slow_down</c>), kept in memory so
/// that answering a pending poll reads one row and writes nothing. With several server instances each keeps its own
/// record, so the poll-rate check is per instance (approximate across instances); the request's state and its single
/// redemption stay in the database.
/// </summary>
internal sealed class PollTracker(TimeProvider time)
{
    /// <summary>Every this many recorded polls, entries of expired requests are dropped.</summary>
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<string, Entry> _polls = new(StringComparer.Ordinal);
    private int _recorded;

    /// <summary>Number of requests tracked (for tests and diagnostics).</summary>
    public int Count => _polls.Count;

    /// <summary>Copies the tracked poll time and interval onto <paramref name="request"/> (a detached copy).</summary>
    public void Apply(BackchannelRequestRecord request)
    {
        if (_polls.TryGetValue(request.Id, out var entry))
        {
            request.LastPolledAt = entry.LastPolledAt;
            request.IntervalSeconds = Math.Max(request.IntervalSeconds, entry.IntervalSeconds);
        }
    }

    /// <summary>Records a poll of a pending request and its (possibly raised) interval.</summary>
    public void Record(string id, DateTimeOffset now, int intervalSeconds, DateTimeOffset expiresAt)
    {
        _polls[id] = new Entry(now, intervalSeconds, expiresAt);
        if (Interlocked.Increment(ref _recorded) % SweepEvery == 0)
        {
            Sweep();
        }
    }

    /// <summary>Forgets a request that is no longer pending.</summary>
    public void Forget(string id) => _polls.TryRemove(id, out _);

    /// <summary>Drops the entries of expired requests.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in _polls)
        {
            if (entry.ExpiresAt <= now)
            {
                _polls.TryRemove(id, out _);
            }
        }
    }

    private readonly record struct Entry(DateTimeOffset LastPolledAt, int IntervalSeconds, DateTimeOffset ExpiresAt);
}
