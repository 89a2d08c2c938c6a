using System.Diagnostics;
using Mandate.Client.Diagnostics;
using Mandate.Client.Tests.TestSupport;
using Mandate.TestSupport.Diagnostics;
using Mandate.Client.Tokens;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Diagnostics;

/// <summary>
/// The agent side's spans: a CIBA authentication with its wait for the person, and a Client Credentials request
/// (not a cache hit). The HTTP calls are made inside them, so they carry the caller's trace to the server; no span
/// carries a token, the auth_req_id, the login hint or the binding message.
/// </summary>
public sealed class ClientTraceTests : IDisposable
{
    private const string CallerName = "Mandate.Client.Tests.Caller";
    private readonly ActivitySource _caller = new(CallerName);
    private readonly SpanRecorder _recorder = new(MandateClientTelemetry.ActivitySourceName, CallerName);

    [Fact]
    public async Task CibaAuthentication_IsASpanOfTheCallersTrace_AndItsRequestAndPollsAreMadeInsideIt()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(ClientHarness.BackchannelPath, _ => Backchannel("req-secret-id", expiresIn: 60, interval: 2));
        harness.Server.On(ClientHarness.TokenPath, _ => Error(OAuthErrorCodes.AuthorizationPending), _ => Token("at-secret"));
        using var toolCall = _caller.StartActivity("tool call")!;

        await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));
        toolCall.Stop();

        var authenticate = Span("ciba.authenticate", toolCall.TraceId);
        Assert.Equal(toolCall.SpanId, authenticate.ParentSpanId);
        Assert.Equal(ClientHarness.ClientId, authenticate.GetTagItem("oauth.client_id"));
        Assert.Equal("approved", authenticate.GetTagItem("ciba.outcome"));
        var wait = Span("ciba.wait", toolCall.TraceId);
        Assert.Equal(authenticate.SpanId, wait.ParentSpanId);
        Assert.Equal(2, wait.GetTagItem("ciba.polls"));
        Assert.Equal("approved", wait.GetTagItem("ciba.outcome"));
        Assert.All(harness.Server.Requests.Where(r => r.Path != "/.well-known/openid-configuration"), r => Assert.Equal(toolCall.TraceId, r.TraceId));
        Assert.Equal("ciba.authenticate", harness.Server.RequestsTo(ClientHarness.BackchannelPath).Single().SpanName);
        Assert.All(harness.Server.RequestsTo(ClientHarness.TokenPath), r => Assert.Equal("ciba.wait", r.SpanName));
        AssertNothingSecret(toolCall.TraceId, "req-secret-id", "at-secret", ClientHarness.PaymentRequest().LoginHint!, ClientHarness.PaymentRequest().BindingMessage!);
    }

    [Fact]
    public async Task DeniedAuthentication_IsAFailedSpan_WithTheOAuthError()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(ClientHarness.BackchannelPath, _ => Backchannel("req-1", expiresIn: 60, interval: 1));
        harness.Server.On(ClientHarness.TokenPath, _ => Error(OAuthErrorCodes.AccessDenied));
        using var toolCall = _caller.StartActivity("tool call")!;

        await Assert.ThrowsAsync<OAuthException>(() => harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest())));

        var authenticate = Span("ciba.authenticate", toolCall.TraceId);
        Assert.Equal(ActivityStatusCode.Error, authenticate.Status);
        Assert.Equal(OAuthErrorCodes.AccessDenied, authenticate.GetTagItem("oauth.error"));
    }

    [Fact]
    public async Task ClientCredentials_IsASpanWhenItAsksTheServer_AndNoneOnACacheHit()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(ClientHarness.TokenPath, _ => Token("at-secret", 3600, "prices"));
        using var toolCall = _caller.StartActivity("tool call")!;

        await harness.ClientCredentials.GetTokenAsync("prices");
        await harness.ClientCredentials.GetTokenAsync("prices");
        toolCall.Stop();

        var span = Assert.Single(Spans(toolCall.TraceId), s => s.OperationName == "oauth.client_credentials");
        Assert.Equal("prices", span.GetTagItem("oauth.scope"));
        Assert.Equal("oauth.client_credentials", Assert.Single(harness.Server.RequestsTo(ClientHarness.TokenPath)).SpanName);
        AssertNothingSecret(toolCall.TraceId, "at-secret");
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _caller.Dispose();
    }

    private IReadOnlyList<Activity> Spans(ActivityTraceId trace) => _recorder.InTrace(trace, MandateClientTelemetry.ActivitySourceName);

    private Activity Span(string name, ActivityTraceId trace) => Assert.Single(Spans(trace), s => s.OperationName == name);

    private void AssertNothingSecret(ActivityTraceId trace, params string[] secrets)
    {
        foreach (var span in Spans(trace))
        {
            Assert.DoesNotContain(span.Tags, tag => secrets.Any(secret => tag.Value?.Contains(secret, StringComparison.Ordinal) == true));
        }
    }
}
