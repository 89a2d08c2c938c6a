using System.Net;
using System.Net.Http.Headers;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Push;

/// <summary>
/// Sends one <see cref="PushNotice"/> to one device with Lib.Net.Http.WebPush: the payload (<see cref="PushPayload"/>)
/// encrypted with <c>aes128gcm</c> to the subscription's keys (RFC 8291 §3–4), a VAPID <c>Authorization: vapid t=…, k=…</c>
/// signed with the server's key pair (RFC 8292 §2–3; <c>sub</c> from <see cref="MandatePushOptions.Subject"/>),
/// <c>TTL</c> the whole seconds left until the request expires (RFC 8030 §5.2) and <c>Urgency: high</c> (RFC 8030 §5.3).
/// Failures are retried as <see cref="PushRetryPolicy"/> says. The HTTP client (<see cref="HttpClientName"/>) follows no
/// redirects (an allowed push service could otherwise send the request elsewhere), keeps no cookies, has a timeout and
/// logs nothing (its default logs would carry the endpoint). Thread-safe: one instance serves every send.
/// </summary>
internal sealed class WebPushSender(IHttpClientFactory httpClients, IOptions<MandateServerOptions> options, TimeProvider time, ILogger<WebPushSender> logger)
{
    /// <summary>Name of the configured <see cref="HttpClient"/>.</summary>
    public const string HttpClientName = "Mandate.Push";

    /// <summary>Waits between attempts; tests replace it to see the waits without spending them.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = (delay, cancellationToken) => Task.Delay(delay, time, cancellationToken);

    /// <summary>Sends the notice to the device, retrying transient failures; how it ended.</summary>
    public async Task<PushDeliveryOutcome> SendAsync(PushNotice notice, PushSubscriptionRecord device, VapidKeyPair vapid, CancellationToken cancellationToken)
    {
        var policy = new PushRetryPolicy(options.Value.Push.MaxAttempts);
        var subscription = new PushSubscription { Endpoint = device.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
        using var authentication = new VapidAuthentication(vapid.PublicKey, vapid.PrivateKey) { Subject = Subject(options.Value) };
        var payload = PushPayload.Create(notice);

        for (var attempt = 1; ; attempt++)
        {
            var ttl = (long)Math.Floor((notice.ExpiresAt - time.GetUtcNow()).TotalSeconds);
            if (ttl < 1)
            {
                PushLog.GaveUp(logger, notice.RequestId, device.Id, "the request expired", attempt);
                return PushDeliveryOutcome.Failed;
            }

            var (status, retryAfter, reason) = await AttemptAsync(subscription, payload, (int)Math.Min(ttl, int.MaxValue), authentication, cancellationToken);
            if (reason is null)
            {
                PushLog.Delivered(logger, notice.RequestId, device.Id, attempt);
                return PushDeliveryOutcome.Delivered;
            }

            if (PushRetryPolicy.IsGone(status))
            {
                PushLog.Gone(logger, device.Id, reason);
                return PushDeliveryOutcome.Gone;
            }

            if (policy.NextDelay(attempt, status, retryAfter, time.GetUtcNow(), notice.ExpiresAt) is not { } delay)
            {
                PushLog.GaveUp(logger, notice.RequestId, device.Id, reason, attempt);
                return PushDeliveryOutcome.Failed;
            }

            PushLog.Retrying(logger, notice.RequestId, device.Id, reason, attempt, (long)delay.TotalMilliseconds);
            await Delay(delay, cancellationToken);
        }
    }

    /// <summary>The VAPID <c>sub</c> (RFC 8292 §2.1): the configured contact, else the issuer when it is https, else none.</summary>
    internal static string? Subject(MandateServerOptions options) =>
        !string.IsNullOrWhiteSpace(options.Push.Subject) ? options.Push.Subject
        : options.Issuer.Scheme == Uri.UriSchemeHttps ? options.Issuer.GetLeftPart(UriPartial.Authority)
        : null;

    /// <summary>One request to the push service: null reason when accepted, else the status (null: no answer), the
    /// <c>Retry-After</c> wait and a reason for the log (never the endpoint).</summary>
    private async Task<(HttpStatusCode? Status, TimeSpan? RetryAfter, string? Reason)> AttemptAsync(
        PushSubscription subscription, string payload, int ttl, VapidAuthentication authentication, CancellationToken cancellationToken)
    {
        var client = new PushServiceClient(httpClients.CreateClient(HttpClientName)) { AutoRetryAfter = false };
        var message = new PushMessage(payload) { TimeToLive = ttl, Urgency = PushMessageUrgency.High };
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription, message, authentication, VapidAuthenticationScheme.Vapid, cancellationToken);
            return (HttpStatusCode.Created, null, null);
        }
        catch (PushServiceClientException e)
        {
            return (e.StatusCode, RetryAfter(e.Headers), "HTTP " + (int)e.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return (null, null, "no answer: " + e.HttpRequestError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, "no answer: timeout");
        }
    }

    /// <summary>The <c>Retry-After</c> of an answer as a wait from now (RFC 9110 §10.2.3: seconds or an HTTP date).</summary>
    private TimeSpan? RetryAfter(HttpResponseHeaders? headers) =>
        headers?.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };
}
