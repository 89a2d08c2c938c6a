using Mandate.Server.Configuration;
using Mandate.Server.Device;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>GET /device/api/events</c>: Server-Sent Events of the signed-in user's requests (<c>event: request</c>,
/// <c>data: {"kind": "created|approved|denied", "id": "…"}</c>), a comment every 15 s to keep the connection open,
/// closed at the latest when the session would expire.
/// </summary>
public static class DeviceEventStream
{
    /// <summary>Streams events until the client disconnects or the session lifetime ends.</summary>
    public static async Task StreamAsync(HttpContext http, DeviceEventHub hub, IOptions<MandateServerOptions> options)
    {
        if (await DeviceApiEndpoints.SubjectAsync(http) is not { } subject)
        {
            await Results.Problem(detail: "Sign in first (POST /device/api/session).", statusCode: 401).ExecuteAsync(http);
            return;
        }

        using var subscription = hub.Subscribe(subject);
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        lifetime.CancelAfter(TimeSpan.FromMinutes(options.Value.DeviceSessionMinutes));
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync("retry: 2000\n: connected\n\n", lifetime.Token);
        await http.Response.Body.FlushAsync(lifetime.Token);
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                keepAlive.CancelAfter(TimeSpan.FromSeconds(15));
                string message;
                try
                {
                    var e = await subscription.Reader.ReadAsync(keepAlive.Token);
                    message = "event: request\ndata: " + System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["kind"] = e.Kind, ["id"] = e.RequestId }) + "\n\n";
                }
                catch (OperationCanceledException) when (!lifetime.IsCancellationRequested)
                {
                    message = ": keep-alive\n\n";
                }

                await http.Response.WriteAsync(message, lifetime.Token);
                await http.Response.Body.FlushAsync(lifetime.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Client went away or the stream reached its maximum lifetime.
        }
    }
}
