namespace Mandate.Server.Tests.MultiInstance;

/// <summary>
/// An instance that dies takes nothing with it: instance A, a real process, is killed (SIGKILL, no shutdown code)
/// while its CIBA request is pending; instance B approves and redeems it (issue 8).
/// </summary>
[RequiresPostgreSql]
public sealed class InstanceLossTests
{
    [DatabaseFact]
    public async Task RequestPendingOnAKilledInstance_IsApprovedAndRedeemedOnAnother_WithNothingHalfWritten()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var seed = new TestSeed();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await MandateServerProcess.StartAsync(seed, database.ConnectionString);
        await using var b = await MandateTestServer.StartAsync(seed, time: time, settings: database.Settings());

        var claims = OAuthCalls.RequestObjectClaims(seed.Agent, time.GetUtcNow());
        var form = new Dictionary<string, string> { ["request"] = Jwt.SignEs256(seed.Agent.Key, seed.Agent.Kid, claims) };
        var started = await a.Client.PostFormAsync(MandateServerProcess.Endpoint("bc-authorize"), form, seed.Agent);
        var body = await started.ReadJsonAsync();
        Assert.True(started.StatusCode == HttpStatusCode.OK, body + "\n" + a.Output);
        var authReqId = body.GetProperty("auth_req_id").GetString()!;

        await a.KillAsync();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => a.Client.GetAsync(MandateServerProcess.Endpoint(".well-known/openid-configuration")));

        await b.ApproveAsync(seed, authReqId);
        var token = await b.PollAsync(seed.Agent, authReqId);
        var tokenBody = await token.ReadJsonAsync();
        Assert.True(token.StatusCode == HttpStatusCode.OK, tokenBody.ToString());
        Assert.Equal(TestSeed.EndUserSubject, Jwt.Payload(tokenBody.GetProperty("access_token").GetString()!).GetProperty("sub").GetString());
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT count(*) FROM \"BackchannelRequests\""));
        Assert.Equal(3, await database.ScalarAsync<int>("SELECT \"Status\" FROM \"BackchannelRequests\"")); // Redeemed
    }
}
