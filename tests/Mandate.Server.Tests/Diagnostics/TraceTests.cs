using System.Diagnostics;
using Mandate.Server.Diagnostics;
using Mandate.TestSupport.Diagnostics;

namespace Mandate.Server.Tests.Diagnostics;

/// <summary>
/// The server's spans join the caller's W3C trace: bc-authorize and the token request take the trace of their HTTP
/// request; the person's decision and the ping to the client join the trace of the request they answer. No span
/// carries the user, the binding message, a token or the request object.
/// </summary>
public sealed class TraceTests : IAsyncLifetime
{
    private readonly TestSeed _seed = new();
    private readonly ActivityTraceId _trace = ActivityTraceId.CreateRandom();

    // ASP.NET Core's own span carries the caller's traceparent into the server's.
    private readonly SpanRecorder _recorder = new(MandateServerTelemetry.ActivitySourceName, "Microsoft.AspNetCore");
    private PingReceiver _receiver = null!;
    private MandateTestServer _server = null!;

    public async Task InitializeAsync() => (_receiver, _server) = await MandateTestServer.StartWithPingReceiverAsync(_seed);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _recorder.Dispose();
    }

    [Fact]
    public async Task BackchannelRequest_TheDecision_AndTheRedemption_AreSpansOfTheAgentsTrace()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow());
        var authReqId = await StartAsync(_seed.Agent, claims);
        await _server.ApproveAsync(_seed, authReqId);
        var poll = await SendInTraceAsync(MandateTestServer.TokenEndpoint, _seed.Agent, ("grant_type", TestSeed.Ciba), ("auth_req_id", authReqId));
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);

        var request = Single("ciba.backchannel_authentication");
        Assert.Equal(_seed.Agent.ClientId, request.GetTagItem("oauth.client_id"));
        Assert.Equal("poll", request.GetTagItem("ciba.delivery_mode"));
        var decision = Single("ciba.decision");
        Assert.Equal("approved", decision.GetTagItem("ciba.decision"));
        Assert.Single(decision.Links);
        var token = Single("oauth.token");
        Assert.Equal(TestSeed.Ciba, token.GetTagItem("oauth.grant_type"));
        Assert.Equal(ActivityStatusCode.Unset, token.Status);
        AssertNothingPersonal(claims, authReqId, await poll.ReadJsonAsync());
    }

    [Fact]
    public async Task Ping_CarriesTheTraceOfTheRequestItAnswers()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Pinger, _server.Time.GetUtcNow());
        claims["client_notification_token"] = "cnt-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        await StartAsync(_seed.Pinger, claims);
        using (var device = await _server.SignInAsync("end.user", _seed.EndUserPassword))
        {
            Assert.Equal(HttpStatusCode.OK, (await device.DecideNewestAsync(approve: true)).StatusCode);
        }

        var ping = await _receiver.NextAsync();

        Assert.Matches($"^00-{_trace.ToHexString()}-[0-9a-f]{{16}}-0[01]$", ping.TraceParent);
        Assert.Equal(_seed.Pinger.ClientId, Single("ciba.ping").GetTagItem("oauth.client_id"));
    }

    [Fact]
    public async Task RefusedRequest_IsAFailedSpanWithTheOAuthError()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow());
        claims["login_hint"] = "nobody-" + Guid.NewGuid().ToString("N");

        var response = await SendInTraceAsync(MandateTestServer.BcEndpoint, _seed.Agent, ("request", Jwt.SignEs256(_seed.Agent.Key, _seed.Agent.Kid, claims)));

        var error = await response.ErrorAsync();
        var span = Single("ciba.backchannel_authentication");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(error, span.GetTagItem("oauth.error"));
    }

    private async Task<string> StartAsync(TestClient client, Dictionary<string, object> claims)
    {
        var response = await SendInTraceAsync(MandateTestServer.BcEndpoint, client, ("request", Jwt.SignEs256(client.Key, client.Kid, claims)));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("auth_req_id").GetString()!;
    }

    /// <summary>Posts a form as a client of this test's trace would: with its <c>traceparent</c>.</summary>
    private Task<HttpResponseMessage> SendInTraceAsync(string url, TestClient client, params (string Key, string Value)[] form)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))),
        };
        message.Headers.TryAddWithoutValidation("Authorization", client.BasicHeader());
        message.Headers.TryAddWithoutValidation("traceparent", $"00-{_trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return _server.Client.SendAsync(message);
    }

    private IReadOnlyList<Activity> Spans => _recorder.InTrace(_trace, MandateServerTelemetry.ActivitySourceName);

    /// <summary>The one span of this test's trace with that name (spans end just after their answer is sent).</summary>
    private Activity Single(string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!Spans.Any(s => s.OperationName == name) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return Assert.Single(Spans, s => s.OperationName == name);
    }

    private void AssertNothingPersonal(Dictionary<string, object> claims, string authReqId, System.Text.Json.JsonElement tokens)
    {
        var secrets = new[]
        {
            "end.user", (string)claims["binding_message"], authReqId, tokens.GetProperty("access_token").GetString()!, "shoe_purchase",
        };
        foreach (var span in Spans)
        {
            foreach (var (key, value) in span.Tags)
            {
                Assert.DoesNotContain(secrets, s => value is not null && value.Contains(s, StringComparison.Ordinal));
            }
        }
    }
}
