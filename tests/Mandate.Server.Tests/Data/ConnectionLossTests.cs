namespace Mandate.Server.Tests.Data;

/// <summary>
/// PostgreSQL closing the server's connections (as a restart does): requests get a retryable 503 at worst, never a
/// 500; the server recovers by itself, and a CIBA request approved before is redeemed exactly once after.
/// </summary>
[RequiresPostgreSql]
public sealed class ConnectionLossTests(PostgreSqlServerFixture fixture) : IClassFixture<PostgreSqlServerFixture>
{
    private const int Attempts = 10;

    private readonly MandateTestServer _server = fixture.Server;
    private readonly TestSeed _seed = fixture.Seed;

    [DatabaseFact]
    public async Task ConnectionsClosedByTheServer_Give503WithRetryAfterAtWorst_ThenTheApprovedRequestIsRedeemedOnce()
    {
        var authReqId = await _server.StartCibaAsync(_seed.Agent);
        await _server.ApproveAsync(_seed, authReqId);
        // The push dispatcher reads the person's devices in the background after bc-authorize; once it has (it then
        // remembers they have none), no background read can take a closed connection before the poll below does.
        var noDevices = _server.Services.GetRequiredService<Mandate.Server.Push.NoPushDevicesCache>();
        for (var i = 0; i < 100 && !noDevices.HasNone(TestSeed.EndUserSubject); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(noDevices.HasNone(TestSeed.EndUserSubject));
        Assert.NotEqual(0, await fixture.Database.TerminateOtherSessionsAsync());

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < Attempts && !statuses.Contains(HttpStatusCode.OK); attempt++)
        {
            var response = await _server.PollAsync(_seed.Agent, authReqId);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("temporarily_unavailable", await response.ErrorAsync());
                Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            }
        }

        // The pooled connections the server closed fail (503, checked above); fresh ones then serve.
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Equal(HttpStatusCode.OK, statuses[^1]);
        await (await _server.PollAsync(_seed.Agent, authReqId)).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [DatabaseFact]
    public async Task DeviceApiAfterConnectionsWereClosed_Gives503ProblemAtWorst_ThenServes()
    {
        using var device = await _server.SignInAsync("end.user", _seed.EndUserPassword);
        Assert.NotEqual(0, await fixture.Database.TerminateOtherSessionsAsync());

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < Attempts && !statuses.Contains(HttpStatusCode.OK); attempt++)
        {
            var response = await device.GetAsync("/device/api/requests");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Equal(HttpStatusCode.OK, statuses[^1]);
    }
}
