using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>/device/api/push/*</c> (docs/server.md, Device API): the VAPID public key (RFC 8292 §3.2), and the person's
/// devices registered for Web Push: register (<c>PushSubscription.toJSON()</c>), list, remove. The same conventions
/// as the rest of the device API: the session cookie, <c>application/json</c>, RFC 9457 problems.
/// </summary>
internal static class PushSubscriptionEndpoints
{
    /// <summary>Maps the calls on the device API's group.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        // Public, so no session is needed: the key a browser subscribes with (PushManager.subscribe's applicationServerKey).
        api.MapGet("/push/vapid-public-key", async (HttpContext http, VapidKeys keys) =>
            Results.Json(new Dictionary<string, string> { ["public_key"] = (await keys.GetAsync(http.RequestAborted)).PublicKey }));
        api.MapPost("/push/subscriptions", RegisterAsync);
        PersonalItemEndpoints.Map<PushSubscriptionStore, PushSubscriptionRecord>(api, "/push/subscriptions", "No such device for this user.");
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext http, PushSubscriptionStore store, IOptions<MandateServerOptions> options, TimeProvider time)
    {
        if (await DeviceApiEndpoints.SubjectAsync(http) is not { } subject)
        {
            return DeviceApiEndpoints.Unauthorized();
        }

        var (body, unreadable) = await DeviceApiEndpoints.ReadJsonAsync<PushSubscriptionInput>(http);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (body is null)
        {
            return DeviceApiEndpoints.Problem(400, "Send the browser's PushSubscription.toJSON(): {\"endpoint\", \"expirationTime\", \"keys\": {\"p256dh\", \"auth\"}}.");
        }

        var (subscription, problem) = new PushSubscriptionValidator(options.Value.Push.AllowedEndpoints).Validate(body, time);
        if (subscription is null)
        {
            return DeviceApiEndpoints.Problem(400, problem!);
        }

        var id = await store.AddAsync(subject, subscription, DeviceLabel.FromUserAgent(http.Request.Headers.UserAgent), http.RequestAborted);
        return Results.Json(new Dictionary<string, string> { ["id"] = id }, statusCode: StatusCodes.Status201Created);
    }
}
