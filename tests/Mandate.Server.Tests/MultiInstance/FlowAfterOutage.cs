using System.Net.Http.Json;

namespace Mandate.Server.Tests.MultiInstance;

/// <summary>The second half of the outage tests: the pending request is approved on B and redeemed once on A, and
/// the database holds exactly what one flow writes.</summary>
internal static class FlowAfterOutage
{
    /// <summary>Approves the one pending request through B's device session, redeems it on A (retrying while 503), checks a
    /// second redemption on B is refused, and that one row (redeemed) and one audit row per step are stored.</summary>
    public static async Task CompletesOnceAsync(
        MandateTestServer a, MandateTestServer b, HttpClient deviceOnB, TestSeed seed, string authReqId, PostgreSqlTestDatabase database)
    {
        var list = await Outage.RetryWhileUnavailableAsync(() => deviceOnB.GetAsync("/device/api/requests"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var id = Assert.Single((await list.ReadJsonAsync()).EnumerateArray()).GetProperty("id").GetString();
        var approve = await Outage.RetryWhileUnavailableAsync(() => deviceOnB.PostAsJsonAsync($"/device/api/requests/{id}/approve", new { }));
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        // The client waits its interval (at most 10 s after one slow_down) before polling A: a poll sooner than that
        // may be answered slow_down by A until B's decision reaches it through the relay (docs/server.md, "Polling").
        a.Time.Advance(TimeSpan.FromSeconds(11));
        var token = await Outage.RetryWhileUnavailableAsync(() => a.PollAsync(seed.Agent, authReqId));
        Assert.True(token.StatusCode == HttpStatusCode.OK, (await token.ReadJsonAsync()).ToString());
        await (await Outage.RetryWhileUnavailableAsync(() => b.PollAsync(seed.Agent, authReqId))).AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");

        Assert.Equal(1, await database.ScalarAsync<int>("SELECT count(*) FROM \"BackchannelRequests\""));
        Assert.Equal(3, await database.ScalarAsync<int>("SELECT \"Status\" FROM \"BackchannelRequests\"")); // Redeemed
        Assert.Equal(
            "ciba.approve ciba.redeem ciba.request",
            await database.ScalarAsync<string>(
                "SELECT string_agg(\"Event\", ' ' ORDER BY \"Event\") FROM \"AuditLog\" WHERE \"Event\" LIKE 'ciba.%'"));
    }
}
