using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Mandate.Client.Tests.TestSupport;

/// <summary>
/// A fake authorization server as an <see cref="HttpMessageHandler"/>: each path answers from a queue of responders
/// (the last one repeats), and every request is recorded with the fake time it arrived.
/// </summary>
public sealed class FakeOAuthServer : HttpMessageHandler
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<RecordedRequest, Task<HttpResponseMessage>>>> _routes = new();
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, Task<HttpResponseMessage>>> _last = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public FakeOAuthServer(TimeProvider time)
    {
        _time = time;
    }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => _requests.Where(r => r.Path == path).ToArray();

    /// <summary>Adds answers for <paramref name="path"/>, used in order; the last one repeats.</summary>
    public FakeOAuthServer On(string path, params Func<RecordedRequest, HttpResponseMessage>[] responders)
    {
        foreach (var responder in responders)
        {
            OnAsync(path, r => Task.FromResult(responder(r)));
        }

        return this;
    }

    public FakeOAuthServer OnAsync(string path, Func<RecordedRequest, Task<HttpResponseMessage>> responder)
    {
        _routes.GetOrAdd(path, _ => new()).Enqueue(responder);
        return this;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Token(string accessToken, int? expiresIn = 3600, string? scope = null, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["access_token"] = accessToken, ["token_type"] = "Bearer" };
        if (expiresIn is not null)
        {
            body["expires_in"] = expiresIn;
        }

        if (scope is not null)
        {
            body["scope"] = scope;
        }

        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        return Json(HttpStatusCode.OK, body);
    }

    public static HttpResponseMessage Error(string error, string? description = null, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        Json(status, description is null ? new { error } : new { error, error_description = description });

    public static HttpResponseMessage Backchannel(string authReqId, int expiresIn = 120, int? interval = null) =>
        Json(HttpStatusCode.OK, interval is null
            ? new Dictionary<string, object> { ["auth_req_id"] = authReqId, ["expires_in"] = expiresIn }
            : new Dictionary<string, object> { ["auth_req_id"] = authReqId, ["expires_in"] = expiresIn, ["interval"] = interval });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>();
        if (request.Content is not null)
        {
            var text = await request.Content.ReadAsStringAsync(cancellationToken);
            foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                form[WebUtility.UrlDecode(parts[0])] = parts.Length > 1 ? WebUtility.UrlDecode(parts[1]) : "";
            }
        }

        // The span the call was made in: a real HttpClient sends its traceparent (W3C Trace Context).
        var span = System.Diagnostics.Activity.Current;
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization, form, _time.GetUtcNow(),
            span?.OperationName, span?.TraceId ?? default);
        _requests.Enqueue(recorded);
        var path = recorded.Path;
        Func<RecordedRequest, Task<HttpResponseMessage>>? responder = null;
        if (_routes.TryGetValue(path, out var queue) && queue.TryDequeue(out var next))
        {
            responder = next;
            _last[path] = next;
        }
        else
        {
            _last.TryGetValue(path, out responder);
        }

        if (responder is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var response = await responder(recorded).WaitAsync(cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    // The client factory may dispose handlers when it rotates them; the recorded state must outlive that.
    protected override void Dispose(bool disposing)
    {
    }
}
