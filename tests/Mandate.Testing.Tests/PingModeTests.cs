using System.Text.Json.Nodes;
using Mandate.Client.Ciba;
using Mandate.Client.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Testing.Tests;

/// <summary>
/// The virtual person with a ping client (CIBA Core §10.2): the server posts to the agent's notification endpoint
/// (<c>MapCibaNotifications</c> in an in-process host) when the person answers, and the agent then redeems the token.
/// The server's poll interval (100 s) is longer than any answer here takes on the clock, and the clock stands still
/// while the agent waits: only the ping can wake it, so a token proves the ping arrived.
/// </summary>
public sealed class PingModeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private VirtualAuthorizationServer _server = null!;
    private PingAgent _agent = null!;

    public async Task InitializeAsync()
    {
        var options = TestServerOptions.OnClock(_time);
        options.BackchannelTokenDeliveryMode = "ping";
        // The agent host is started below, after the server whose settings it needs: the handler is asked for late.
        options.NotificationHandler = () => _agent.CreateHandler();
        options.Settings["Mandate:CibaIntervalSeconds"] = "100";
        _server = await VirtualAuthorizationServer.StartAsync(options);
        _agent = await PingAgent.StartAsync(_server, _time);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public void TheClient_IsRegisteredForPing_AndItsSettingsSaySo()
    {
        Assert.Equal("ping", _server.BackchannelTokenDeliveryMode);
        Assert.Equal(new Uri("http://localhost/ciba/notify"), _server.NotificationEndpoint);
        Assert.Equal("ping", _server.ClientSettings["Mandate:Client:BackchannelTokenDeliveryMode"]);
    }

    [Fact]
    public async Task Approves_ThePingWakesTheAgent_WhileTheClockStandsStill()
    {
        _server.Person.Approves();
        var start = _time.GetUtcNow();

        var token = await _agent.AskWithTheClockStillAsync(Purchase("Buy running shoes for $140"));

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(start, _time.GetUtcNow());
        Assert.Equal(1, _agent.PingsAccepted);
        Assert.Equal(0, _agent.PingsRefused);
        Assert.Equal([CibaProgressKind.Requested, CibaProgressKind.Approved], _agent.Progress);
        Assert.Equal("Buy running shoes for $140", Assert.Single(_server.Person.Shown).BindingMessage);
    }

    [Fact]
    public async Task Denies_ThePingWakesTheAgent_ToAccessDenied()
    {
        _server.Person.Denies();

        var denied = await Assert.ThrowsAsync<OAuthException>(() => _agent.AskWithTheClockStillAsync(Purchase("Buy running shoes")));

        Assert.Equal(OAuthErrorCodes.AccessDenied, denied.Error);
        Assert.Equal(1, _agent.PingsAccepted);
        Assert.Equal([CibaProgressKind.Requested, CibaProgressKind.Denied], _agent.Progress);
    }

    [Fact]
    public async Task ApprovesAfter_WhenTheClockReachesTheDelay_ThePersonApproves_AndThePingWakesTheAgent()
    {
        _server.Person.ApprovesAfter(TimeSpan.FromSeconds(50));
        var start = _time.GetUtcNow();
        var call = _agent.Start(Purchase("Buy running shoes"));
        await _agent.WaitForProgressAsync(CibaProgressKind.Requested);

        _time.Advance(TimeSpan.FromSeconds(49));
        await Task.Delay(200);
        Assert.False(call.IsCompleted);
        Assert.Equal(0, _agent.PingsAccepted);

        _time.Advance(TimeSpan.FromSeconds(1));
        var token = await call.WaitAsync(PingAgent.PatienceForAPing);

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(TimeSpan.FromSeconds(50), _time.GetUtcNow() - start);   // its first poll was due at 100 s
        Assert.Equal(1, _agent.PingsAccepted);
        Assert.Equal([CibaProgressKind.Requested, CibaProgressKind.Approved], _agent.Progress);
    }

    [Fact]
    public async Task AsksToSlowDown_TheFirstPollIsSlowedDown_ThenThePersonApproves_AndThePingWakesTheAgent()
    {
        _server.Person.AsksToSlowDown();
        var start = _time.GetUtcNow();
        var call = _agent.Start(Purchase("Buy running shoes"));
        await _agent.WaitForProgressAsync(CibaProgressKind.Requested);

        _time.Advance(TimeSpan.FromSeconds(100));   // the first poll: slow_down; the next would be due at 205 s
        var token = await call.WaitAsync(PingAgent.PatienceForAPing);

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(TimeSpan.FromSeconds(100), _time.GetUtcNow() - start);
        Assert.Equal(1, _agent.PingsAccepted);
        Assert.Equal([CibaProgressKind.Requested, CibaProgressKind.SlowedDown, CibaProgressKind.Approved], _agent.Progress);
    }

    [Fact]
    public async Task ApprovesAfter_LongerThanTheRequestLives_NoPing_TheRequestExpires()
    {
        _server.Person.ApprovesAfter(TimeSpan.FromMinutes(5));
        var call = _agent.Start(Purchase("Buy running shoes"));
        await _agent.WaitForProgressAsync(CibaProgressKind.Requested);

        // Past the request's 120 s: the agent polls at 100 s (pending) and gives up at its deadline.
        for (var second = 0; second < 130 && !call.IsCompleted; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var expired = await Assert.ThrowsAsync<OAuthException>(() => call.WaitAsync(PingAgent.PatienceForAPing));
        Assert.Equal(OAuthErrorCodes.ExpiredToken, expired.Error);
        Assert.Equal(0, _agent.PingsAccepted);
    }

    [Fact]
    public async Task TheScript_HoldsForEveryLaterRequest_EachAnswerPingsOnce()
    {
        _server.Person.Approves();
        await _agent.AskWithTheClockStillAsync(Purchase("First pair"));
        _server.Person.Denies();

        await Assert.ThrowsAsync<OAuthException>(() => _agent.AskWithTheClockStillAsync(Purchase("Second pair")));

        Assert.Equal(2, _agent.PingsAccepted);
        Assert.Equal(["First pair", "Second pair"], _server.Person.Shown.Select(s => s.BindingMessage));
    }

    internal static BackchannelAuthenticationRequest Purchase(string bindingMessage) => new()
    {
        LoginHint = "person",
        Scopes = ["payment"],
        BindingMessage = bindingMessage,
        AuthorizationDetails = [new JsonObject { ["type"] = "payment_initiation", ["amount"] = "140.00" }],
    };
}
