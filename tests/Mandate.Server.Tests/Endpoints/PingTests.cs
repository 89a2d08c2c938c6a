using System.Net;
using System.Text.Json;
using Mandate.Server.Tests.Infrastructure;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Checklist 4.5 (PG-01 … PG-06): ping callbacks to a real loopback endpoint.</summary>
public sealed class PingTests : IAsyncLifetime
{
    private readonly TestSeed _seed = new();
    private PingReceiver _receiver = null!;
    private MandateTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _receiver = await PingReceiver.StartAsync();
        _seed.PingEndpoint = _receiver.Url;
        _server = await MandateTestServer.StartAsync(_seed);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<(string AuthReqId, string Token)> StartAsync()
    {
        var token = "cnt-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var claims = OAuthCalls.RequestObjectClaims(_seed.Pinger, _server.Time.GetUtcNow());
        claims["client_notification_token"] = token;
        return (await _server.StartCibaAsync(_seed.Pinger, claims), token);
    }

    private async Task DecideAsync(bool approve)
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        Assert.Equal(HttpStatusCode.OK, (await device.DecideNewestAsync(approve)).StatusCode);
    }

    [Fact]
    public async Task PG_01_Approval_SendsOnePostWithBearerTokenAndOnlyAuthReqId()
    {
        var (id, token) = await StartAsync();
        await DecideAsync(approve: true);
        var ping = await _receiver.NextAsync();
        Assert.Equal("Bearer " + token, ping.Authorization);
        Assert.StartsWith("application/json", ping.ContentType, StringComparison.Ordinal);
        var body = JsonDocument.Parse(ping.Body).RootElement;
        Assert.Equal(id, body.GetProperty("auth_req_id").GetString());
        Assert.Single(body.EnumerateObject());
        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Pinger, id)).StatusCode);
    }

    [Fact]
    public async Task PG_02_Denial_StillPingsAndTokenIsAccessDenied()
    {
        var (id, _) = await StartAsync();
        await DecideAsync(approve: false);
        Assert.Equal(id, JsonDocument.Parse((await _receiver.NextAsync()).Body).RootElement.GetProperty("auth_req_id").GetString());
        await (await _server.PollAsync(_seed.Pinger, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "access_denied");
    }

    [Fact]
    public async Task PG_03_ExpiredRequest_CannotBeDecidedSoNoPingAndExpiredToken()
    {
        var (expired, _) = await StartAsync();
        _server.Time.Advance(TimeSpan.FromMinutes(10));
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        Assert.Empty((await device.PendingAsync()).EnumerateArray());
        await (await _server.PollAsync(_seed.Pinger, expired)).AssertErrorAsync(HttpStatusCode.BadRequest, "expired_token");

        var (next, _) = await StartAsync();
        await DecideAsync(approve: true);
        Assert.Equal(next, JsonDocument.Parse((await _receiver.NextAsync()).Body).RootElement.GetProperty("auth_req_id").GetString());
        Assert.Single(_receiver.Pings);
    }

    [Fact]
    public async Task PG_04_RedirectAnswer_IsNotFollowed()
    {
        _receiver.AnswerWith = 302;
        var (id, _) = await StartAsync();
        await DecideAsync(approve: true);
        await _receiver.NextAsync();
        _receiver.AnswerWith = 204;
        var (second, _) = await StartAsync();
        await DecideAsync(approve: true);
        Assert.Equal(second, JsonDocument.Parse((await _receiver.NextAsync()).Body).RootElement.GetProperty("auth_req_id").GetString());
        Assert.Equal(0, _receiver.FollowedRedirects);
        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Pinger, id)).StatusCode);
    }

    [Fact]
    public async Task PG_05_OkWithBody_IsAcceptedAndTokenSucceeds()
    {
        _receiver.AnswerWith = 200;
        var (id, _) = await StartAsync();
        await DecideAsync(approve: true);
        await _receiver.NextAsync();
        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Pinger, id)).StatusCode);
    }

    [Fact]
    public async Task PG_06_UnauthorizedAnswer_IsNotRetriedAndPollingStillWorks()
    {
        _receiver.AnswerWith = 401;
        var (id, _) = await StartAsync();
        await DecideAsync(approve: true);
        await _receiver.NextAsync();
        _receiver.AnswerWith = 204;
        var (second, _) = await StartAsync();
        await DecideAsync(approve: true);
        await _receiver.NextAsync();
        Assert.Equal(2, _receiver.Pings.Count);
        Assert.Equal(second, JsonDocument.Parse(_receiver.Pings.Last().Body).RootElement.GetProperty("auth_req_id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Pinger, id)).StatusCode);
    }
}
