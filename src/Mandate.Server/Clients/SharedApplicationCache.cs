using System.Collections.Concurrent;

namespace Mandate.Server.Clients;

/// <summary>
/// Client registrations found by <c>client_id</c>, shared by all requests of this instance for
/// <see cref="TimeToLive"/>. OpenIddict's own entity cache lives for one request only, so without this every token
/// request reads the client's row (the largest cost of a token request in the profile). Updates and deletions made
/// through this instance's application manager remove the entry at once; a change made by another instance sharing the
/// database is seen here within <see cref="TimeToLive"/>.
/// </summary>
/// <typeparam name="TApplication">OpenIddict's application entity.</typeparam>
internal sealed class SharedApplicationCache<TApplication>(TimeProvider time)
    where TApplication : class
{
    /// <summary>How long a registration is served from memory.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    /// <summary>Entries kept at most; beyond that the cache starts over (clients are few; this bounds memory against
    /// lookups of many distinct ids).</summary>
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached registration of <paramref name="clientId"/>, if present and fresh.</summary>
    public TApplication? Find(string clientId)
    {
        if (_entries.TryGetValue(clientId, out var entry))
        {
            if (time.GetUtcNow() < entry.ExpiresAt)
            {
                return entry.Application;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(clientId, entry));
        }

        return null;
    }

    /// <summary>Caches a registration read from the store.</summary>
    public void Add(string clientId, TApplication application)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[clientId] = new Entry(application, time.GetUtcNow() + TimeToLive);
    }

    /// <summary>Removes every registration (after one was changed or deleted: its <c>client_id</c> may have changed too).</summary>
    public void Clear() => _entries.Clear();

    private readonly record struct Entry(TApplication Application, DateTimeOffset ExpiresAt);
}
