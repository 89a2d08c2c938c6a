using Mandate.Server.Configuration;

namespace Mandate.Server.Device;

/// <summary>
/// Per-address budget of unsuccessful device sign-ins: at most <c>limit</c> per fixed one-minute window and
/// <see cref="ClientAddressKey"/> (IPv6 by /64). Only attempts that did not sign in are counted, so a person who signs in
/// often never runs out; an address over its budget is answered 429 without a password check. State is in memory, per
/// instance (OWASP ASVS 4.0.3 V2.2.1).
/// </summary>
/// <param name="limit">Unsuccessful attempts allowed per address and minute
/// (<see cref="MandateServerOptions.SignInAttemptsPerMinute"/>).</param>
/// <param name="time">The clock.</param>
internal sealed class SignInAddressLimiter(int limit, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, (DateTimeOffset WindowStart, int Count)> _windows = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string addressKey)
    {
        var now = time.GetUtcNow();
        lock (_windows)
        {
            return _windows.TryGetValue(addressKey, out var w) && now - w.WindowStart < Window && w.Count >= limit
                ? w.WindowStart + Window - now
                : null;
        }
    }

    /// <summary>Counts an attempt from the address that did not sign in.</summary>
    public void RecordFailure(string addressKey)
    {
        var now = time.GetUtcNow();
        lock (_windows)
        {
            if (_windows.Count > PruneAbove)
            {
                foreach (var stale in _windows.Where(p => now - p.Value.WindowStart >= Window).Select(p => p.Key).ToList())
                {
                    _windows.Remove(stale);
                }
            }

            _windows[addressKey] = _windows.TryGetValue(addressKey, out var w) && now - w.WindowStart < Window
                ? (w.WindowStart, w.Count + 1)
                : (now, 1);
        }
    }
}
