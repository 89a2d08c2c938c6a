using Mandate.Server.Caching;

namespace Mandate.Server.Push;

/// <summary>
/// People known, for <see cref="TimeToLive"/>, to have no device registered for Web Push, so that a request for them
/// costs the push dispatcher no database read (the read was a noticeable share of a busy bc-authorize's CPU). A
/// registration on this instance forgets the person at once; one made on another instance sharing the database is
/// seen here within <see cref="TimeToLive"/>, and a request made meanwhile reaches that device only through the open
/// page (docs/device.md, "Notifications on your phone").
/// </summary>
internal sealed class NoPushDevicesCache(TimeProvider time) : ExpiringCache<object>(time, TimeToLive, MaxEntries)
{
    /// <summary>How long "no devices" is believed.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    /// <summary>Entries kept at most.</summary>
    public const int MaxEntries = 4096;

    private static readonly object None = new();

    /// <summary>Whether the person is known to have no device.</summary>
    public bool HasNone(string subject) => Find(subject) is not null;

    /// <summary>Records that the person has no device.</summary>
    public void SetNone(string subject) => Add(subject, None);
}
