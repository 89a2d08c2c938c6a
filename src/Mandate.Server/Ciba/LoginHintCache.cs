using Mandate.Server.Caching;

namespace Mandate.Server.Ciba;

/// <summary>
/// <c>login_hint</c>s resolved to enabled users, shared by the requests of this instance for <see cref="TimeToLive"/>,
/// like the client registrations (<see cref="Clients.SharedApplicationCache{TApplication}"/>): reading the user was a
/// sixth of a bc-authorize request's CPU (docs/benchmarks.md). Only hits are kept, so an unknown user is looked up
/// every time. An import of users on this instance (<see cref="Seeding.SeedImporter"/>) empties the cache at once; a
/// user disabled or renamed by another instance sharing the database is seen here within <see cref="TimeToLive"/>,
/// and meanwhile a request for them can be made but not approved: signing in on the device checks the user anew.
/// </summary>
internal sealed class LoginHintCache(TimeProvider time) : ExpiringCache<string>(time, TimeToLive, MaxEntries)
{
    /// <summary>How long a resolved hint is served from memory.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    /// <summary>Entries kept at most.</summary>
    public const int MaxEntries = 4096;
}
