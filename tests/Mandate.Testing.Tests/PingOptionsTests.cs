using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Testing.Tests;

/// <summary>
/// Ping mode's options (CIBA Core §4, §5), and a ping over a real socket: the agent on Kestrel at 127.0.0.1, the
/// server's own ping HTTP client posting to its registered notification endpoint.
/// </summary>
public sealed class PingOptionsTests
{
    [Theory]
    [InlineData("ping", false, false)]   // ping with nowhere to send it
    [InlineData("poll", true, false)]    // a notification endpoint for a poll client
    [InlineData("poll", false, true)]    // a notification handler for a poll client
    [InlineData("push", false, false)]   // CIBA's push mode is not offered
    public async Task OptionsThatDoNotFit_AreRefusedBeforeTheServerStarts(string mode, bool endpoint, bool handler)
    {
        var options = new VirtualAuthorizationServerOptions
        {
            BackchannelTokenDeliveryMode = mode,
            NotificationEndpoint = endpoint ? new Uri("http://127.0.0.1:9/ciba/notify") : null,
            NotificationHandler = handler ? () => new HttpClientHandler() : null,
        };

        await Assert.ThrowsAsync<ArgumentException>(() => VirtualAuthorizationServer.StartAsync(options));
    }

    [Fact]
    public async Task PollMode_IsTheDefault_AndItsSettingsSaySo()
    {
        await using var server = await VirtualAuthorizationServer.StartAsync();

        Assert.Equal("poll", server.BackchannelTokenDeliveryMode);
        Assert.Null(server.NotificationEndpoint);
        Assert.Equal("poll", server.ClientSettings["Mandate:Client:BackchannelTokenDeliveryMode"]);
    }

    [Fact]
    public async Task AnAgentOnKestrel_GetsThePingAtItsRealAddress()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new VirtualAuthorizationServerOptions
        {
            TimeProvider = time,
            BackchannelTokenDeliveryMode = "ping",
            ConfigureServices = services => services.AddMandateAuthorizationDetailsType("payment_initiation", _ => null),
        };
        options.Settings["Mandate:CibaIntervalSeconds"] = "100";
        var (startedServer, startedAgent) = await PingAgent.StartOnLoopbackAsync(options, time);
        await using var server = startedServer;
        await using var agent = startedAgent;
        server.Person.Approves();

        var token = await agent.AskWithTheClockStillAsync(PingModeTests.Purchase("Buy running shoes"));

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.StartsWith("http://127.0.0.1:", server.NotificationEndpoint!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(1, agent.PingsAccepted);
    }
}
