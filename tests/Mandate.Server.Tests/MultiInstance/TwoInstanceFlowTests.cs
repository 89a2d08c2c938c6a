using System.Net.Http.Json;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Tests.MultiInstance;

/// <summary>One CIBA flow served by two instances on one PostgreSQL database (issue 8).</summary>
[RequiresPostgreSql]
public sealed class TwoInstanceFlowTests(TwoInstancesFixture fixture) : IClassFixture<TwoInstancesFixture>
{
    private const int RedemptionsPerInstance = 50;

    private readonly MandateTestServer _a = fixture.A;
    private readonly MandateTestServer _b = fixture.B;
    private readonly TestSeed _seed = fixture.Seed;

    [DatabaseFact]
    public async Task RequestOnA_ApprovedThroughB_IsRedeemedOnA()
    {
        var authReqId = await _a.StartCibaAsync(_seed.Agent);
        await _b.ApproveAsync(_seed, authReqId);

        var response = await _a.PollAsync(_seed.Agent, authReqId);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
    }

    [DatabaseFact]
    public async Task SameRequestObjectSentToBothInstancesAtOnce_IsAcceptedOnce_WithOneRequestAndAnAuditRowForEach()
    {
        // Each instance writes its own batches; the second to commit meets the UsedJwtIds key and answers as for a replay.
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, _a.Time.GetUtcNow());
        var message = "Both instances " + Guid.NewGuid().ToString("N")[..8];
        claims["binding_message"] = message;
        var request = Jwt.SignEs256(_seed.Agent.Key, _seed.Agent.Kid, claims);
        var audited = await CountAsync(db => db.AuditEntries.CountAsync(a => a.Event == "ciba.request" && a.ClientId == _seed.Agent.ClientId));

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? _a : _b).BcAuthorizeAsync(_seed.Agent, [("request", request)])));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        }

        Assert.Equal(1, await CountAsync(db => db.BackchannelRequests.CountAsync(r => r.BindingMessage == message)));
        Assert.Equal(audited + 16, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Event == "ciba.request" && a.ClientId == _seed.Agent.ClientId)));
    }

    private async Task<int> CountAsync(Func<MandateDbContext, Task<int>> count)
    {
        using var scope = _a.Services.CreateScope();
        return await count(scope.ServiceProvider.GetRequiredService<MandateDbContext>());
    }

    [DatabaseFact]
    public async Task TokenSignedByA_VerifiesWithBsKeySet()
    {
        var jwksA = await (await _a.Client.GetAsync(MandateTestServer.Issuer + "/connect/jwk_uri")).ReadJsonAsync();
        var jwksB = await (await _b.Client.GetAsync(MandateTestServer.Issuer + "/connect/jwk_uri")).ReadJsonAsync();
        Assert.Equal(jwksA.ToString(), jwksB.ToString());
    }

    [DatabaseFact]
    public async Task DeviceSessionCookieFromA_IsAcceptedByB()
    {
        var signIn = await _a.Client.PostAsJsonAsync("/device/api/session", new { username = "end.user", password = _seed.EndUserPassword });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie")).Split(';')[0];

        using var onB = new HttpRequestMessage(HttpMethod.Get, "/device/api/requests");
        onB.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await _b.Client.SendAsync(onB)).StatusCode);
    }

    [DatabaseFact]
    public async Task DeviceSessionSignedOutOnB_IsRefusedOnA()
    {
        var cookie = await _a.SignInCookieAsync("end.user", _seed.EndUserPassword);
        Assert.Equal(HttpStatusCode.OK, (await _a.SendWithCookieAsync(HttpMethod.Get, "/device/api/requests", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _b.SendWithCookieAsync(HttpMethod.Delete, "/device/api/session", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _a.SendWithCookieAsync(HttpMethod.Get, "/device/api/requests", cookie)).StatusCode);
    }

    [DatabaseFact]
    public async Task HundredConcurrentRedemptionsOnBothInstances_IssueExactlyOneToken()
    {
        var authReqId = await _a.StartCibaAsync(_seed.Agent);
        await _b.ApproveAsync(_seed, authReqId);

        using var start = new SemaphoreSlim(0);
        var polls = Enumerable.Range(0, 2 * RedemptionsPerInstance).Select(async i =>
        {
            await start.WaitAsync();
            var response = await (i % 2 == 0 ? _a : _b).PollAsync(_seed.Agent, authReqId);
            return (response.StatusCode, Error: await response.ErrorAsync());
        }).ToList();
        start.Release(polls.Count);
        var results = await Task.WhenAll(polls);

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal("invalid_grant", r.Error));
    }

    [DatabaseFact]
    public async Task RequestDecidedOnA_CannotBeDecidedAgainOnB()
    {
        await _a.StartCibaAsync(_seed.Agent);
        using var deviceA = await _a.SignInAsync("end.user", _seed.EndUserPassword);
        using var deviceB = await _b.SignInAsync("end.user", _seed.EndUserPassword);
        var id = (await deviceB.PendingAsync()).EnumerateArray().Last().GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await deviceA.PostAsJsonAsync($"/device/api/requests/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await deviceB.PostAsJsonAsync($"/device/api/requests/{id}/deny", new { })).StatusCode);
    }

    [DatabaseFact]
    public async Task RequestObjectReplayedOnB_IsRejected()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Agent, fixture.Time.GetUtcNow());
        var request = Jwt.SignEs256(_seed.Agent.Key, _seed.Agent.Kid, claims);
        Assert.Equal(HttpStatusCode.OK, (await _a.BcAuthorizeAsync(_seed.Agent, ("request", request))).StatusCode);
        await (await _b.BcAuthorizeAsync(_seed.Agent, ("request", request))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }
}
