using System.Net;

namespace Mandate.Server.Push;

/// <summary>
/// Whether, and when, to send a push message again. Retried: <c>429 Too Many Requests</c> (RFC 8030 §8.4: the push
/// service's rate limit, with <c>Retry-After</c>), <c>5xx</c> and network failures or timeouts (no answer). Not retried:
/// <c>404</c>/<c>410</c> (the subscription is gone, RFC 8030 §7.3), and every other <c>4xx</c> (<c>400</c>, <c>401</c>/
/// <c>403</c> VAPID refused, RFC 8292 §4; <c>413</c> payload too large, RFC 8030 §7.2), which would fail again. The wait
/// is the push service's <c>Retry-After</c> (RFC 9110 §10.2.3) when it sent one, capped at <see cref="MaxRetryAfter"/>,
/// else an exponential back-off from <see cref="BaseDelay"/>. No retry is planned past the request's expiry: a
/// notification for a request the person can no longer approve is useless.
/// </summary>
internal sealed class PushRetryPolicy(int maxAttempts)
{
    /// <summary>The first back-off; each further one doubles.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait, whatever the push service's <c>Retry-After</c> asks.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>The most attempts per device and notice, the first included.</summary>
    public int MaxAttempts { get; } = Math.Max(1, maxAttempts);

    /// <summary>Whether a push service's answer (<c>null</c>: no answer, a network failure or a timeout) is worth
    /// another attempt.</summary>
    public static bool IsTransient(HttpStatusCode? status) =>
        status is null or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Whether the answer says the subscription no longer exists.</summary>
    public static bool IsGone(HttpStatusCode? status) => status is HttpStatusCode.NotFound or HttpStatusCode.Gone;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, or null to give up: the answer is not transient,
    /// <paramref name="attempt"/> was the last allowed, or the request expires before the wait is over.</summary>
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="status">Its answer; null when there was none.</param>
    /// <param name="retryAfter">The push service's <c>Retry-After</c>, as a wait from now, if it sent one.</param>
    /// <param name="now">Now.</param>
    /// <param name="expiresAt">When the request expires.</param>
    public TimeSpan? NextDelay(int attempt, HttpStatusCode? status, TimeSpan? retryAfter, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        if (!IsTransient(status) || attempt >= MaxAttempts)
        {
            return null;
        }

        var delay = retryAfter is { } asked
            ? (asked < TimeSpan.Zero ? TimeSpan.Zero : asked > MaxRetryAfter ? MaxRetryAfter : asked)
            : BaseDelay * Math.Pow(2, Math.Min(attempt - 1, 10));
        // At least a whole second of the request's life must be left when the next attempt starts (TTL ≥ 1).
        return now + delay + TimeSpan.FromSeconds(1) <= expiresAt ? delay : null;
    }
}
