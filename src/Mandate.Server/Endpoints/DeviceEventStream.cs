using System.Diagnostics;
using Mandate.Server.Configuration;
using Mandate.Server.Device;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>GET /device/api/events</c>: Server-Sent Events of the signed-in user's requests (<c>event: request</c>,
/// <c>data: {"kind": "created|approved|denied", "id": "…"}</c>), a comment every 15 s to keep the connection open.
/// The session is checked again at each of those ticks (<see cref="SessionCheckInterval"/>): the stream ends within
/// that time once the session is ended on any instance or expires, and an open stream counts as use of the session.
/// </summary>
internal static class DeviceEventStream
{
    /// <summary>How often an open stream re-checks its session (also the keep-alive interval).</summary>
    public static readonly TimeSpan SessionCheckInterval = TimeSpan.FromSeconds(15);

    /// <summary>Streams events until the client disconnects or the session ends.</summary>
    public static async Task StreamAsync(HttpContext http, DeviceEventHub hub, IServiceScopeFactory scopes, IOptions<MandateServerOptions> options)
    {
        if (await DeviceApiEndpoints.SubjectAsync(http) is not { } subject || await DeviceApiEndpoints.SessionIdAsync(http) is not { } sessionId)
        {
            await Results.Problem(detail: "Sign in first (POST /device/api/session).", statusCode: 401).ExecuteAsync(http);
            return;
        }

        using var subscription = hub.Subscribe(subject);
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        lifetime.CancelAfter(TimeSpan.FromMinutes(options.Value.DeviceSessionLifetimeMinutes));
        http.Response.ContentType = "text/event-stream";
        await http.Response.WriteAsync("retry: 2000\n: connected\n\n", lifetime.Token);
        await http.Response.Body.FlushAsync(lifetime.Token);
        var sinceCheck = Stopwatch.StartNew();
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                keepAlive.CancelAfter(SessionCheckInterval - sinceCheck.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero);
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

                if (sinceCheck.Elapsed >= SessionCheckInterval)
                {
                    if (!await IsActiveAsync(scopes, sessionId, subject, lifetime.Token))
                    {
                        return;
                    }

                    sinceCheck.Restart();
                }

                await http.Response.WriteAsync(message, lifetime.Token);
                await http.Response.Body.FlushAsync(lifetime.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Client went away or the stream reached the session's maximum lifetime.
        }
    }

    private static async Task<bool> IsActiveAsync(IServiceScopeFactory scopes, string sessionId, string subject, CancellationToken cancellationToken)
    {
        // A scope per check: the stream holds no database context between checks.
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<DeviceSessionStore>().ValidateAsync(sessionId, cancellationToken) == subject;
        }
        catch (Exception e) when (TransientDatabaseFault.Is(e))
        {
            // The database is briefly away: keep the stream; the next check decides.
            return true;
        }
    }
}
