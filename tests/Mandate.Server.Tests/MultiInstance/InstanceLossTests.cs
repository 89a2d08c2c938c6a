using System.Net;
using Mandate.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Server.Tests.MultiInstance;

/// <summary>An instance that goes away takes nothing with it: its pending requests are served by the others.</summary>
[RequiresPostgreSql]
public sealed class InstanceLossTests
{
    [DatabaseFact]
    public async Task RequestPendingOnAStoppedInstance_IsApprovedAndRedeemedOnAnother()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var seed = new TestSeed();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var b = await MandateTestServer.StartAsync(seed, time: time, settings: database.Settings());

        string authReqId;
        await using (var a = await MandateTestServer.StartAsync(seed, time: time, settings: database.Settings()))
        {
            authReqId = await a.StartCibaAsync(seed.Agent);
        }

        await b.ApproveNewestAsync(seed);
        var response = await b.PollAsync(seed.Agent, authReqId);
        Assert.True(response.StatusCode == HttpStatusCode.OK, (await response.ReadJsonAsync()).ToString());
    }
}
