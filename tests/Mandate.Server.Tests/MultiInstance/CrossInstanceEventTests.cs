using System.Net.Http.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Device;
using Mandate.Server.Ping;
using Microsoft.Extensions.Hosting;

namespace Mandate.Server.Tests.MultiInstance;

/// <summary>Device events and pings across two instances on one PostgreSQL database (LISTEN/NOTIFY).</summary>
[RequiresPostgreSql]
public sealed class CrossInstanceEventTests(TwoInstancesFixture fixture) : IClassFixture<TwoInstancesFixture>
{
    private readonly MandateTestServer _a = fixture.A;
    private readonly MandateTestServer _b = fixture.B;
    private readonly TestSeed _seed = fixture.Seed;

    [DatabaseFact]
    public async Task RequestAndApprovalOnB_ReachTheEventStreamOpenOnA()
    {
        await Relay(_a).Listening.WaitAsync(TimeSpan.FromSeconds(20));
        using var deviceA = await _a.SignInAsync("end.user", _seed.EndUserPassword);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await deviceA.GetAsync("/device/api/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(cancel.Token));
        Assert.Equal("retry: 2000", await reader.ReadLineAsync(cancel.Token));

        var authReqId = await _b.StartCibaAsync(_seed.Agent);
        using var deviceB = await _b.SignInAsync("end.user", _seed.EndUserPassword);
        var id = await _b.DeviceIdAsync(authReqId);
        Assert.Equal(HttpStatusCode.OK, (await deviceB.PostAsJsonAsync($"/device/api/requests/{id}/approve", new { })).StatusCode);

        var events = new List<string>();
        for (var lines = 0; lines < 40 && events.Count < 2; lines++)
        {
            var line = await reader.ReadLineAsync(cancel.Token);
            if (line?.StartsWith("data:", StringComparison.Ordinal) == true && line.Contains(id, StringComparison.Ordinal))
            {
                events.Add(line);
            }
        }

        Assert.Collection(
            events,
            created => Assert.Contains("\"kind\":\"created\"", created, StringComparison.Ordinal),
            approved => Assert.Contains("\"kind\":\"approved\"", approved, StringComparison.Ordinal));
    }

    [DatabaseFact]
    public async Task ApprovalOnB_MakesATooEarlyPollOnA_ReadTheDatabaseAndGetTheToken()
    {
        await Relay(_a).Listening.WaitAsync(TimeSpan.FromSeconds(20));
        var id = await _b.StartCibaAsync(_seed.Agent);
        await (await _a.PollAsync(_seed.Agent, id)).AssertErrorAsync(HttpStatusCode.BadRequest, "authorization_pending");
        var polls = _a.Services.GetRequiredService<PollTracker>();
        var hash = AuthReqId.Hash(id);
        var at = _a.Time.GetUtcNow().AddSeconds(1);
        using var deviceB = await _b.SignInAsync("end.user", _seed.EndUserPassword);
        var deviceId = await _b.DeviceIdAsync(id);

        Assert.Equal(HttpStatusCode.OK, (await deviceB.PostAsJsonAsync($"/device/api/requests/{deviceId}/approve", new { })).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (polls.TryAnswerTooEarly(hash, _seed.Agent.ClientId, at, out _) && DateTime.UtcNow < deadline)
        {
            // Probing records a poll at `at` again; it is still sooner than the interval. Wait for the relayed decision.
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.OK, (await _a.PollAsync(_seed.Agent, id)).StatusCode);
    }

    [DatabaseFact]
    public async Task PingSentByBothInstancesAtOnce_ReachesTheClientOnce()
    {
        var claims = OAuthCalls.RequestObjectClaims(_seed.Pinger, fixture.Time.GetUtcNow());
        claims["client_notification_token"] = "cnt-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var authReqId = await _a.StartCibaAsync(_seed.Pinger, claims);
        var id = await _b.DeviceIdAsync(authReqId);
        var before = fixture.Pings.Pings.Count(p => p.Body.Contains(authReqId, StringComparison.Ordinal));

        // Both instances try to send the same request's ping at the same moment; both calls finish here.
        await Task.WhenAll(SendPingAsync(_a, id), SendPingAsync(_b, id));

        Assert.Equal(0, before);
        Assert.Single(fixture.Pings.Pings, p => p.Body.Contains(authReqId, StringComparison.Ordinal));
    }

    private async Task SendPingAsync(MandateTestServer server, string requestId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PingSender>().SendAsync(new PingJob(requestId, _seed.Pinger.ClientId), CancellationToken.None);
    }

    private static PostgreSqlDeviceEventRelay Relay(MandateTestServer server) =>
        server.Services.GetServices<IHostedService>().OfType<PostgreSqlDeviceEventRelay>().Single();
}
