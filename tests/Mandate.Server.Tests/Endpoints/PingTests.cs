namespace Mandate.Server.Tests.Endpoints;

/// <summary>Checklist 4.5 (PG-01 … PG-06): ping callbacks to a real loopback endpoint.</summary>
public sealed class PingTests : IAsyncLifetime
{
    private readonly TestSeed _seed = new();
    private PingReceiver _receiver = null!;
    private MandateTestServer _server = null!;

    public async Task InitializeAsync() => (_receiver, _server) = await MandateTestServer.StartWithPingReceiverAsync(_seed);

    public async Task DisposeAsync() => await _server.DisposeAsync();

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
        Assert.Equal(id, PingedId(await _receiver.NextAsync()));
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

        var (next, ping) = await ApproveAndReceivePingAsync();
        Assert.Equal(next, PingedId(ping));
        Assert.Single(_receiver.Pings);
    }

    [Fact]
    public async Task PG_04_RedirectAnswer_IsNotFollowed()
    {
        var (first, second) = await AnswerFirstPingWithThenPingAgainAsync(302);

        Assert.Equal(second.AuthReqId, PingedId(second.Ping));
        Assert.Equal(0, _receiver.FollowedRedirects);
        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Pinger, first)).StatusCode);
    }

    [Fact]
    public async Task PG_05_OkWithBody_IsAcceptedAndTokenSucceeds()
    {
        _receiver.AnswerWith = 200;
        var (id, _) = await ApproveAndReceivePingAsync();
        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Pinger, id)).StatusCode);
    }

    [Fact]
    public async Task PG_06_UnauthorizedAnswer_IsNotRetriedAndPollingStillWorks()
    {
        var (first, second) = await AnswerFirstPingWithThenPingAgainAsync(401);

        Assert.Equal(2, _receiver.Pings.Count);
        Assert.Equal(second.AuthReqId, PingedId(second.Ping));
        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Pinger, first)).StatusCode);
    }

    /// <summary>Starts a request, approves it on the device and waits for its ping.</summary>
    private async Task<(string AuthReqId, PingReceiver.ReceivedPing Ping)> ApproveAndReceivePingAsync()
    {
        var (id, _) = await StartAsync();
        await DecideAsync(approve: true);
        return (id, await _receiver.NextAsync());
    }

    /// <summary>
    /// The receiver answers the first approved request's ping with <paramref name="status"/>, then a second request is
    /// approved and pinged with the receiver answering 204: the first request's id and the second's ping.
    /// </summary>
    private async Task<(string First, (string AuthReqId, PingReceiver.ReceivedPing Ping) Second)> AnswerFirstPingWithThenPingAgainAsync(int status)
    {
        _receiver.AnswerWith = status;
        var (first, _) = await ApproveAndReceivePingAsync();
        _receiver.AnswerWith = 204;
        return (first, await ApproveAndReceivePingAsync());
    }

    private static string? PingedId(PingReceiver.ReceivedPing ping) =>
        JsonDocument.Parse(ping.Body).RootElement.GetProperty("auth_req_id").GetString();
}
