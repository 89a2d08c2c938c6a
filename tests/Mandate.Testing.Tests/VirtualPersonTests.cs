using System.Text.Json.Nodes;
using Mandate.Client.Ciba;
using Mandate.Client.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Testing.Tests;

/// <summary>
/// Each script of the virtual person against Mandate.Client's CIBA client, on a fake clock shared by the agent and the
/// server, so that waiting minutes for an answer or an expiry takes milliseconds.
/// </summary>
public sealed class VirtualPersonTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private VirtualAuthorizationServer _server = null!;
    private VirtualAgent _agent = null!;

    public async Task InitializeAsync()
    {
        _server = await VirtualAuthorizationServer.StartAsync(TestServerOptions.OnClock(_time));
        _agent = VirtualAgent.Create(_server, _time);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Approves_OrAsksToSlowDownFirst_TheAgentGetsItsToken(bool slowDown)
    {
        if (slowDown)
        {
            _server.Person.AsksToSlowDown();
        }
        else
        {
            _server.Person.Approves();
        }

        var token = await _agent.AskAsync(Purchase("Buy running shoes for $140"));

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Contains(CibaProgressKind.Approved, _agent.Progress);
        Assert.Equal(slowDown, _agent.Progress.Contains(CibaProgressKind.SlowedDown));
    }

    [Fact]
    public async Task ThePerson_IsShownTheBindingMessageScopesAndAuthorizationDetails()
    {
        _server.Person.Approves();

        await _agent.AskAsync(Purchase("Buy running shoes for $140"));

        var shown = Assert.Single(_server.Person.Shown);
        Assert.Equal("Buy running shoes for $140", shown.BindingMessage);
        Assert.Contains("payment", shown.Scopes);
        var detail = Assert.Single(shown.AuthorizationDetails!.Value.EnumerateArray());
        Assert.Equal("payment_initiation", detail.GetProperty("type").GetString());
        Assert.Equal("140.00", detail.GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Denies_TheAgentGetsAccessDenied()
    {
        _server.Person.Denies();

        var denied = await Assert.ThrowsAsync<OAuthException>(() => _agent.AskAsync(Purchase("Buy running shoes")));

        Assert.Equal(OAuthErrorCodes.AccessDenied, denied.Error);
    }

    [Fact]
    public async Task ApprovesAfter_TheAgentWaitsThatLongOnTheClock_ThenGetsItsToken()
    {
        _server.Person.ApprovesAfter(TimeSpan.FromSeconds(50));
        var start = _time.GetUtcNow();

        var token = await _agent.AskAsync(Purchase("Buy running shoes"));

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.InRange(_time.GetUtcNow() - start, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70));
        Assert.Contains(CibaProgressKind.Pending, _agent.Progress);
    }

    [Fact]
    public async Task NeverAnswers_TheRequestExpires()
    {
        _server.Person.NeverAnswers();
        var start = _time.GetUtcNow();

        var expired = await Assert.ThrowsAsync<OAuthException>(() => _agent.AskAsync(Purchase("Buy running shoes")));

        Assert.Equal(OAuthErrorCodes.ExpiredToken, expired.Error);
        Assert.True(_time.GetUtcNow() - start >= TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task ApprovesAfter_LongerThanTheRequestLives_TheRequestExpires()
    {
        _server.Person.ApprovesAfter(TimeSpan.FromMinutes(5));

        var expired = await Assert.ThrowsAsync<OAuthException>(() => _agent.AskAsync(Purchase("Buy running shoes")));

        Assert.Equal(OAuthErrorCodes.ExpiredToken, expired.Error);
    }

    [Fact]
    public async Task TheScript_HoldsForEveryLaterRequest_UntilChanged()
    {
        _server.Person.Approves();
        await _agent.AskAsync(Purchase("First pair"));
        await _agent.AskAsync(Purchase("Second pair"));
        _server.Person.Denies();

        await Assert.ThrowsAsync<OAuthException>(() => _agent.AskAsync(Purchase("Third pair")));

        Assert.Equal(["First pair", "Second pair", "Third pair"], _server.Person.Shown.Select(s => s.BindingMessage));
    }

    private BackchannelAuthenticationRequest Purchase(string bindingMessage) => new()
    {
        LoginHint = _server.Person.Username,
        Scopes = ["payment"],
        BindingMessage = bindingMessage,
        AuthorizationDetails = [new JsonObject { ["type"] = "payment_initiation", ["amount"] = "140.00" }],
    };
}
