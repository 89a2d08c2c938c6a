using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Tests.Endpoints;

/// <summary>The audit trail: CIBA request, decision and redemption are rows; a client-credentials token writes none.</summary>
public sealed class AuditTests
{
    [Fact]
    public async Task CibaFlow_IsAuditedWithClientUserScopesAndOutcome_AndClientCredentialsWritesNoRow()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        var id = await server.StartCibaAsync(seed.Agent);
        await server.ApproveAsync(seed, id);
        await server.PollAsync(seed.Agent, id);
        await server.TokenAsync(seed.Plain, ("grant_type", "client_credentials"), ("scope", "prices"));

        using var scope = server.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<MandateDbContext>().AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["ciba.request", "ciba.approve", "ciba.redeem"], rows.Select(r => r.Event));
        Assert.All(rows, r => Assert.Equal(seed.Agent.ClientId, r.ClientId));
        Assert.All(rows, r => Assert.Equal(TestSeed.EndUserSubject, r.Subject));
        Assert.All(rows, r => Assert.Equal("openid payment", r.Scopes));
        Assert.Equal(["success", "approved", "success"], rows.Select(r => r.Outcome));
        Assert.DoesNotContain(rows, r => (r.Details ?? "").Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameRequestObjectSentEightTimesAtOnce_IsAuditedOnceAsSuccess_InTheTableAndTheLog()
    {
        var seed = new TestSeed();
        await using var server = await MandateTestServer.StartAsync(seed);
        var request = Jwt.SignEs256(seed.Agent.Key, seed.Agent.Kid, OAuthCalls.RequestObjectClaims(seed.Agent, server.Time.GetUtcNow()));
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => server.BcAuthorizeAsync(seed.Agent, ("request", request))));
        Assert.Single(responses, r => r.StatusCode == System.Net.HttpStatusCode.OK);

        using var scope = server.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<MandateDbContext>().AuditEntries.AsNoTracking().ToListAsync();
        Assert.Equal(1, rows.Count(r => r.Event == "ciba.request" && r.Outcome == "success"));
        Assert.Equal(7, rows.Count(r => r.Event == "ciba.request" && r.Outcome == "invalid_request"));
        var lines = server.Logs.Messages.Where(m => m.Contains("Audit ciba.request", StringComparison.Ordinal)).ToList();
        Assert.Single(lines, m => m.Contains("outcome success", StringComparison.Ordinal));
        Assert.Equal(7, lines.Count(m => m.Contains("outcome invalid_request", StringComparison.Ordinal)));
    }
}
