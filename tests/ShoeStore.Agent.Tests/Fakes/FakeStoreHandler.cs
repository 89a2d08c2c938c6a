using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ShoeStore.Agent.Tests.Fakes;

/// <summary>The store API as the test sets it; records every request (method, path and query, headers, body).</summary>
internal sealed class FakeStoreHandler : HttpMessageHandler
{
    public Func<RecordedRequest, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method.Method,
            request.RequestUri!.PathAndQuery,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
            request.Content?.Headers.ContentType?.MediaType,
            body);
        Requests.Enqueue(recorded);
        return Respond(recorded);
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string json) => Json(json, status, "application/problem+json");
}

/// <summary>One request the fake store received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string? IdempotencyKey, string? ContentType, string? Body);
