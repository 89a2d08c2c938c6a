using Mandate.Server.Ciba;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>Polls sooner than the interval are answered <c>slow_down</c> from the poll tracker without reading the
/// request; every decision, redemption and expiry makes the next poll read the database (docs/server.md, "Polling").</summary>
public abstract class PollFromMemoryTests(ServerFixture fixture)
{
    public sealed class OnSqlite(ServerFixture fixture) : PollFromMemoryTests(fixture), IClassFixture<ServerFixture>;

    [RequiresPostgreSql]
    public sealed class OnPostgreSql(PostgreSqlServerFixture fixture) : PollFromMemoryTests(fixture), IClassFixture<PostgreSqlServerFixture>;

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    private PollTracker Tracker => _server.Services.GetRequiredService<PollTracker>();

    /// <summary>Database commands that touched the CIBA requests table so far (EF Core logs each executed command).</summary>
    private int RequestTableCommands() => _server.Logs.Messages.Count(m =>
        m.Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal)
        && m.Contains("Executed DbCommand", StringComparison.Ordinal)
        && m.Contains("BackchannelRequests", StringComparison.Ordinal));

    [DatabaseFact]
    public async Task TooEarlyPoll_IsSlowDown_WithoutReadingTheRequest()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
        var before = RequestTableCommands();

        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "slow_down");
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "slow_down");

        Assert.Equal(before, RequestTableCommands());
    }

    [DatabaseFact]
    public async Task PollAfterTheInterval_ReadsTheRequest()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
        var before = RequestTableCommands();
        _server.Time.Advance(TimeSpan.FromSeconds(6));

        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");

        Assert.True(RequestTableCommands() > before);
    }

    [DatabaseFact]
    public async Task PollRightAfterApprovalOnThisInstance_ReturnsTheToken()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "slow_down");

        await _server.ApproveAsync(_seed, id);

        Assert.Equal(HttpStatusCode.OK, (await _server.PollAsync(_seed.Agent, id)).StatusCode);
    }

    [DatabaseFact]
    public async Task PollRightAfterDenialOnThisInstance_IsAccessDenied()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);

        Assert.Equal(HttpStatusCode.OK, (await device.DecideAsync(_server, id, approve: false)).StatusCode);

        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "access_denied");
    }

    [DatabaseFact]
    public async Task TooEarlyPollByAnotherClient_IsInvalidGrant_FromTheDatabase()
    {
        var id = await _server.StartCibaAsync(_seed.Agent);
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
        var before = RequestTableCommands();

        await (await _server.PollAsync(_seed.Plain, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");

        Assert.True(RequestTableCommands() > before);
    }

    [DatabaseFact]
    public async Task PollAfterExpiry_IsExpiredToken_AndTheRequestIsForgotten()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, _server.Time.GetUtcNow());
        claims["requested_expiry"] = 30;
        var id = await _server.StartCibaAsync(_seed.Agent, claims);
        var firstPoll = _server.Time.GetUtcNow();
        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
        _server.Time.Advance(TimeSpan.FromSeconds(31));

        await (await _server.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "expired_token");

        // A kept entry would still answer a poll one second after the first one.
        Assert.False(Tracker.TryAnswerTooEarly(AuthReqId.Hash(id), _seed.Agent.ClientId, firstPoll.AddSeconds(1), out _));
    }
}
