using System.Text.Json;
using Mandate.Server.Demo;
using Mandate.Server.Seeding;
using ShoeStore.Demo.Agent;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// CIBA ping mode (CIBA Core §10.2) with Mandate.Client and Mandate.Server together: the server pings the agent's
/// notification endpoint when the customer decides, and the agent then fetches the token. The poll interval is set far
/// beyond the turn's limit, so a purchase that completes was woken by the pings.
/// </summary>
public sealed class PingDeliveryTests
{
    [Fact]
    public async Task Purchase_InPingMode_EachApprovalIsDeliveredByOnePing_AndTheOrderIsPlaced()
    {
        await using var notifications = await NotificationEndpoint.StartAsync();
        var directory = Directory.CreateTempSubdirectory("mandate-demo-ping-").FullName;
        var (seed, jwk, secret, password) = DemoSeed.Create();
        var agentClient = seed.Clients.Single(c => c.ClientId == DemoSeed.AgentClientId);
        agentClient.BackchannelTokenDeliveryMode = "ping";
        agentClient.BackchannelClientNotificationEndpoint = notifications.Url.ToString();
        var seedFile = Path.Combine(directory, "seed.json");
        await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed, SeedDocument.JsonOptions));
        var endUser = seed.Users.Single(u => u.Subject == DemoSeed.EndUserSubject).Username;

        await using var system = await DemoSystem.StartAsync(directory,
            new Dictionary<string, string?> { ["Mandate:SeedFile"] = seedFile, ["Mandate:CibaIntervalSeconds"] = "120" },
            new DemoCredentials(DemoSeed.AgentClientId, secret, jwk, "push", endUser, password), deleteDirectory: true);
        using var device = await system.SignInDeviceAsync();
        await using var agent = system.CreateAgent(new Dictionary<string, string?> { ["Mandate:Client:BackchannelTokenDeliveryMode"] = "ping" });
        notifications.Attach(agent);

        await agent.SendAsync("find running shoes in size 10");
        var quote = agent.SendAsync("what would it cost to ship one to me?");
        await device.DecideWhileAsync(quote, _ => true);
        var buy = agent.SendAsync("buy it");
        var decisions = await device.DecideWhileAsync(buy, _ => true);

        Assert.StartsWith("Order ", await buy, StringComparison.Ordinal);
        Assert.Single(decisions);
        Assert.Equal([204, 204], notifications.Answers);
    }
}
