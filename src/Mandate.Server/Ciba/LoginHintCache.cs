using System.Collections.Concurrent;

namespace Mandate.Server.Ciba;

/// <summary>
/// <c>login_hint</c>s resolved to enabled users, shared by the requests of this instance for <see cref="TimeToLive"/>,
/// like the client registrations (<see cref="Clients.SharedApplicationCache{TApplication}"/>): reading the user was a
/// sixth of a bc-authorize request's CPU (docs/benchmarks.md). Only hits are kept, so an unknown user is looked up
/// every time. An import of users on this instance (<see cref="Seeding.SeedImporter"/>) empties the cache at once; a
/// user disabled or renamed by another instance sharing the database is seen here within <see cref="TimeToLive"/>,
/// and meanwhile a request for them can be made but not approved: signing in on the device checks the user anew.
/// </summary>
internal sealed class LoginHintCache(TimeProvider time)
{
    /// <summary>How long a resolved hint is served from memory.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    /// <summary>Entries kept at most; beyond that the cache starts over (bounds memory against many distinct hints).</summary>
    public const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The subject <paramref name="loginHint"/> resolved to, if cached and fresh.</summary>
    public string? Find(string loginHint)
    {
        if (_entries.TryGetValue(loginHint, out var entry))
        {
            if (time.GetUtcNow() < entry.ExpiresAt)
            {
                return entry.Subject;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(loginHint, entry));
        }

        return null;
    }

    /// <summary>Keeps a resolution read from the database.</summary>
    public void Add(string loginHint, string subject)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[loginHint] = new Entry(subject, time.GetUtcNow() + TimeToLive);
    }

    /// <summary>Forgets every resolution (users were imported).</summary>
    public void Clear() => _entries.Clear();

    private readonly record struct Entry(string Subject, DateTimeOffset ExpiresAt);
}
