using System.Collections.Concurrent;
using System.Net;

namespace Mandate.AI.Tests.Fakes;

/// <summary>
/// A resource server in an <see cref="HttpMessageHandler"/>: records the <c>Authorization</c> of every request and
/// answers with what <see cref="Answer"/> decides for it (default 200 "ok").
/// </summary>
internal sealed class ChallengingResourceServer : HttpMessageHandler
{
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    /// <summary>The answer for a request's bearer token (null when it has none).</summary>
    public Func<string?, HttpResponseMessage> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") };

    /// <summary>A 403 scope challenge (RFC 6750 §3.1) naming <paramref name="scope"/>.</summary>
    public static HttpResponseMessage InsufficientScope(string scope)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
        response.Headers.TryAddWithoutValidation(
            "WWW-Authenticate", $"Bearer realm=\"http://store.test/mcp\", error=\"insufficient_scope\", scope=\"{scope}\", resource_metadata=\"http://store.test/.well-known/oauth-protected-resource/mcp\"");
        return response;
    }

    /// <summary>A client whose requests go through <see cref="ToolTokenHandler"/> (<paramref name="handler"/>) to this server.</summary>
    public HttpClient CreateClient(ToolTokenHandler? handler = null)
    {
        handler ??= new ToolTokenHandler();
        handler.InnerHandler = this;
        return new HttpClient(handler) { BaseAddress = new Uri("http://store.test/") };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bearer = request.Headers.Authorization is { Scheme: "Bearer" } authorization ? authorization.Parameter : null;
        Authorizations.Enqueue(bearer);
        return Task.FromResult(Answer(bearer));
    }
}
