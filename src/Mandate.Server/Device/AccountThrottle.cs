using Mandate.Server.Configuration;

namespace Mandate.Server.Device;

/// <summary>
/// Per-account throttling of device sign-ins with exponential backoff instead of a lockout (NIST SP 800-63B §5.2.2;
/// OWASP ASVS 4.0.3 V2.2.1): the first <c>freeAttempts</c> consecutive failures cost nothing; from then on the account
/// accepts one attempt per interval, starting at <c>backoff</c> and doubling with each further failure up to
/// <c>maxBackoff</c>. An attempt refused by the throttle does not lengthen it, so whoever floods an account cannot keep
/// its owner out: the next slot always opens on time, and the right password in it signs in and clears the count.
/// </summary>
/// <remarks>
/// Keyed by the username as typed, known or not, so that an unknown username is throttled exactly like a real one and
/// the answers cannot tell them apart. An attempt is counted as a failure when it starts (and forgiven when it
/// succeeds), so a burst of parallel requests cannot slip past the count. The state is in memory, per instance; an
/// account's count is forgotten a day after its last attempt. When more than <see cref="MaxAccounts"/> names are being
/// tracked even after forgetting the old ones, new names are not tracked until there is room again (existing counts
/// are never evicted by a flood of new names).
/// </remarks>
/// <param name="freeAttempts">Consecutive failures before backoff starts (<see cref="MandateServerOptions.SignInMaxFailures"/>).</param>
/// <param name="backoff">The first interval (<see cref="MandateServerOptions.SignInBackoffSeconds"/>).</param>
/// <param name="maxBackoff">The longest interval (<see cref="MandateServerOptions.SignInMaxBackoffSeconds"/>).</param>
/// <param name="time">The clock.</param>
internal sealed class AccountThrottle(int freeAttempts, TimeSpan backoff, TimeSpan maxBackoff, TimeProvider time)
{
    /// <summary>How many names are tracked at most.</summary>
    public const int MaxAccounts = 100_000;

    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    private readonly Dictionary<string, State> _accounts = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPrune;

    /// <summary>
    /// Starts an attempt for <paramref name="account"/>: null when it may be checked now (it then counts as a failure
    /// until <see cref="Succeeded"/>), otherwise how long to wait; a refused attempt changes nothing.
    /// </summary>
    public TimeSpan? TryBegin(string account)
    {
        var now = time.GetUtcNow();
        lock (_accounts)
        {
            if (!_accounts.TryGetValue(account, out var state))
            {
                if (_accounts.Count >= MaxAccounts && !Prune(now))
                {
                    return null;
                }

                state = new State();
                _accounts[account] = state;
            }

            if (now < state.NextAttemptAt)
            {
                return state.NextAttemptAt - now;
            }

            if (now - state.LastAttemptAt >= ForgetAfter)
            {
                state.Failures = 0;
            }

            state.Failures++;
            state.LastAttemptAt = now;
            if (state.Failures >= freeAttempts)
            {
                state.NextAttemptAt = now + Interval(state.Failures - freeAttempts);
            }

            return null;
        }
    }

    /// <summary>The attempt signed in: the account's count starts again.</summary>
    public void Succeeded(string account)
    {
        lock (_accounts)
        {
            _accounts.Remove(account);
        }
    }

    /// <summary>The wait after the <paramref name="step"/>-th throttled failure (0 for the first): backoff × 2^step, capped.</summary>
    public TimeSpan Interval(int step) =>
        step >= 30 ? maxBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * (1L << step), maxBackoff.Ticks));

    private bool Prune(DateTimeOffset now)
    {
        if (now - _lastPrune >= TimeSpan.FromMinutes(1))
        {
            _lastPrune = now;
            foreach (var old in _accounts.Where(p => now - p.Value.LastAttemptAt >= ForgetAfter && now >= p.Value.NextAttemptAt).Select(p => p.Key).ToList())
            {
                _accounts.Remove(old);
            }
        }

        return _accounts.Count < MaxAccounts;
    }

    private sealed class State
    {
        public int Failures { get; set; }

        public DateTimeOffset LastAttemptAt { get; set; }

        public DateTimeOffset NextAttemptAt { get; set; }
    }
}
