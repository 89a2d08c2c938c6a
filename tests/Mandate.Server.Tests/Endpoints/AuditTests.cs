using Mandate.Server.Data;
using Mandate.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        await server.ApproveNewestAsync(seed);
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
}
