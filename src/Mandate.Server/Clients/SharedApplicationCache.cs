using Mandate.Server.Caching;

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
    : ExpiringCache<TApplication>(time, TimeToLive, MaxEntries)
    where TApplication : class
{
    /// <summary>How long a registration is served from memory.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    /// <summary>Entries kept at most (clients are few; this bounds memory against lookups of many distinct ids).</summary>
    public const int MaxEntries = 1024;
}
