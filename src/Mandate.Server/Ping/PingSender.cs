using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Configuration;
using Mandate.Server.Diagnostics;
using Mandate.Server.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Ping;

/// <summary>
/// Sends one ping (CIBA §10.2): <c>POST</c> to the registered notification endpoint with
/// <c>Authorization: Bearer client_notification_token</c> and the JSON body <c>{"auth_req_id": "…"}</c> only.
/// No retries, no redirects followed (the HTTP client is built with <c>AllowAutoRedirect = false</c>), a short
/// timeout, and the endpoint must pass <see cref="NotificationEndpointPolicy"/>. The ping data is cleared afterwards.
/// </summary>
internal sealed class PingSender(
    BackchannelRequestStore store,
    ClientDirectory clients,
    PingDataProtector protector,
    IHttpClientFactory httpClients,
    IOptions<MandateServerOptions> options,
    ILogger<PingSender> logger)
{
    /// <summary>Name of the configured <see cref="HttpClient"/>.</summary>
    public const string HttpClientName = "Mandate.Ping";

    /// <summary>Sends the ping for a job.</summary>
    public async Task SendAsync(PingJob job, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(job.RequestId, cancellationToken);
        if (request?.ProtectedPingData is not { } data)
        {
            return;
        }

        if (!await store.TryClaimPingDataAsync(job.RequestId, data, cancellationToken))
        {
            // Another sender (on this instance or another) took it first: the ping goes out once.
            return;
        }

        var client = await clients.FindAsync(job.ClientId, cancellationToken);
        var endpoint = client?.Ciba.NotificationEndpoint;
        if (!NotificationEndpointPolicy.IsAllowedUrl(endpoint, options.Value.IsDevelopmentTransport) || protector.Unprotect(data) is not var (authReqId, token))
        {
            Log.PingFailed(logger, job.RequestId, "notification endpoint not allowed or ping data unreadable");
            return;
        }

        // In the trace of the request it answers: the HTTP client sends that trace's traceparent to the client.
        using var activity = MandateServerTelemetry.StartInTraceOf("ciba.ping", request.TraceParent);
        activity?.SetTag("oauth.client_id", job.ClientId);
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["auth_req_id"] = authReqId }), Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.PingTimeoutSeconds));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Log.PingSent(logger, job.RequestId, (int)response.StatusCode);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            Log.PingFailed(logger, job.RequestId, e.GetType().Name);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
        }
    }
}
