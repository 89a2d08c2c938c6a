using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Push;

/// <summary>
/// Sends one <see cref="PushNotice"/> to every registered device of the person, at once (a slow push service does not
/// hold up the others), then records the outcome: a delivered device gets its <c>LastUsedAt</c>, a gone one (RFC 8030
/// §7.3) is deleted, as is one whose subscription the browser said has ended. A device whose endpoint is no longer on
/// an allowed push service (the option changed since it registered) is skipped, not sent to.
/// </summary>
internal sealed class PushNotifier(
    PushSubscriptionStore store,
    VapidKeys vapid,
    WebPushSender sender,
    NoPushDevicesCache noDevices,
    IOptions<MandateServerOptions> options,
    TimeProvider time,
    ILogger<PushNotifier> logger)
{
    /// <summary>Notifies the person's devices.</summary>
    public async Task NotifyAsync(PushNotice notice, CancellationToken cancellationToken)
    {
        var devices = await store.ListAsync(notice.Subject, cancellationToken);
        if (devices.Count == 0)
        {
            noDevices.SetNone(notice.Subject);
            return;
        }

        var keys = await vapid.GetAsync(cancellationToken);
        var allowed = new PushSubscriptionValidator(options.Value.Push.AllowedEndpoints);
        var now = time.GetUtcNow();
        var gone = new List<PushSubscriptionRecord>();
        var sends = new List<(PushSubscriptionRecord Device, Task<PushDeliveryOutcome> Outcome)>();
        foreach (var device in devices)
        {
            if (device.ExpiresAt <= now)
            {
                PushLog.Gone(logger, device.Id, "its subscription ended (expirationTime)");
                gone.Add(device);
            }
            else if (!Uri.TryCreate(device.Endpoint, UriKind.Absolute, out var endpoint) || !allowed.IsAllowed(endpoint))
            {
                PushLog.NotAllowed(logger, device.Id);
            }
            else
            {
                sends.Add((device, sender.SendAsync(notice, device, keys, cancellationToken)));
            }
        }

        await Task.WhenAll(sends.Select(s => s.Outcome));
        gone.AddRange(sends.Where(s => s.Outcome.Result == PushDeliveryOutcome.Gone).Select(s => s.Device));
        var delivered = sends.Where(s => s.Outcome.Result == PushDeliveryOutcome.Delivered).Select(s => s.Device.Id).ToList();
        if (delivered.Count > 0)
        {
            await store.MarkUsedAsync(delivered, time.GetUtcNow(), cancellationToken);
        }

        foreach (var device in gone)
        {
            await store.RemoveGoneAsync(device, cancellationToken);
        }
    }
}
