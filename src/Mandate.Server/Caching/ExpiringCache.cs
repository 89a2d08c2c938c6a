using System.Collections.Concurrent;

namespace Mandate.Server.Caching;

/// <summary>
/// Values by key, served for a fixed time after they were read from the database and shared by every request of this
/// instance; bounded in size (past <c>maxEntries</c> it starts over, so that many distinct keys cannot grow it). The
/// subclasses say what is cached, for how long, and what empties it.
/// </summary>
/// <typeparam name="TValue">What is cached.</typeparam>
internal abstract class ExpiringCache<TValue>(TimeProvider time, TimeSpan timeToLive, int maxEntries)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The value cached for <paramref name="key"/>, if present and fresh.</summary>
    public TValue? Find(string key)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (time.GetUtcNow() < entry.ExpiresAt)
            {
                return entry.Value;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }

        return null;
    }

    /// <summary>Caches a value read from the store.</summary>
    public void Add(string key, TValue value)
    {
        if (_entries.Count >= maxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(value, time.GetUtcNow() + timeToLive);
    }

    /// <summary>Forgets the value of <paramref name="key"/>.</summary>
    public void Remove(string key) => _entries.TryRemove(key, out _);

    /// <summary>Forgets every value.</summary>
    public void Clear() => _entries.Clear();

    private readonly record struct Entry(TValue Value, DateTimeOffset ExpiresAt);
}
