using Mandate.Server.Ciba;
using Mandate.Server.Configuration;
using Mandate.Server.Data;

namespace Mandate.Server.Tests.Ciba;

/// <summary><see cref="PendingRequestPolicy"/>: the approval-fatigue caps and collapsing, without a server.</summary>
public sealed class PendingRequestPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly PendingRequestPolicy Defaults = new(new MandateCibaOptions());

    private static BackchannelRequestRecord New(string client = "agent", string message = "Buy Pegasus 41 for $140") => new()
    {
        Id = "new",
        ClientId = client,
        Subject = "user-1",
        Scopes = "openid payment",
        BindingMessage = message,
        AuthorizationDetailsJson = """[{"type":"shoe_purchase"}]""",
        AcrValues = null,
    };

    private static PendingRequest Waiting(string id, string client = "agent", string message = "other", int repeats = 0, int expiresInSeconds = 300) =>
        new(id, client, "openid payment", message, """[{"type":"shoe_purchase"}]""", null, repeats, Now.AddSeconds(expiresInSeconds));

    [Fact]
    public void Defaults_AreFivePerPersonThreePerClientAndCollapsing()
    {
        var options = new MandateCibaOptions();
        Assert.Equal((5, 3, true), (options.MaxPendingPerPerson, options.MaxPendingPerClient, options.CollapseIdenticalRequests));
    }

    [Fact]
    public void BelowBothCaps_IsAccepted()
    {
        var decision = Defaults.Decide(New(), [Waiting("a"), Waiting("b"), Waiting("c", client: "other")], Now);
        Assert.True(decision.Accepted);
        Assert.Empty(decision.Replaces);
    }

    [Fact]
    public void ThirdWaitingOfTheSameClient_RefusesTheFourth_UntilTheFirstOfThemExpires()
    {
        var decision = Defaults.Decide(New(), [Waiting("a", expiresInSeconds: 200), Waiting("b", expiresInSeconds: 40), Waiting("c", expiresInSeconds: 100)], Now);

        Assert.False(decision.Accepted);
        Assert.Equal(TimeSpan.FromSeconds(40), decision.RetryAfter);
        Assert.Equal(429, PendingRequestPolicy.TooMany(decision).StatusCode);
        Assert.Equal(40, PendingRequestPolicy.TooMany(decision).RetryAfterSeconds);
    }

    [Fact]
    public void FiveWaitingFromAnyClients_RefusesTheSixth()
    {
        PendingRequest[] five = [Waiting("a", "c1"), Waiting("b", "c2"), Waiting("c", "c3"), Waiting("d", "c4"), Waiting("e", "c5")];
        Assert.False(Defaults.Decide(New(client: "c6"), five, Now).Accepted);
        Assert.True(Defaults.Decide(New(client: "c6"), five[..4], Now).Accepted);
    }

    [Fact]
    public void IdenticalWaitingRequest_IsReplaced_AndItsRepeatsCarriedOver()
    {
        var decision = Defaults.Decide(New(), [Waiting("same", message: "Buy Pegasus 41 for $140", repeats: 2), Waiting("x")], Now);

        Assert.True(decision.Accepted);
        Assert.Equal(["same"], decision.Replaces);
        Assert.Equal(3, decision.Repeats);
    }

    [Fact]
    public void AnIdenticalRequest_NeverCountsAgainstTheCap_ItReplaces()
    {
        PendingRequest[] full = [Waiting("a"), Waiting("b"), Waiting("same", message: "Buy Pegasus 41 for $140")];
        Assert.True(Defaults.Decide(New(), full, Now).Accepted);
    }

    [Theory]
    [InlineData("other-client", "Buy Pegasus 41 for $140")]
    [InlineData("agent", "Buy Pegasus 41 for $141")]
    public void ADifferentClientOrMessage_IsNotIdentical(string client, string message)
    {
        var decision = Defaults.Decide(New(), [Waiting("w", client: client, message: message)], Now);
        Assert.True(decision.Accepted);
        Assert.Empty(decision.Replaces);
    }

    [Fact]
    public void CapsOfZeroAndNoCollapsing_AcceptEverything_WithoutReadingTheQueue()
    {
        var off = new PendingRequestPolicy(new MandateCibaOptions { MaxPendingPerPerson = 0, MaxPendingPerClient = 0, CollapseIdenticalRequests = false });
        Assert.False(off.Applies);
        var many = Enumerable.Range(0, 40).Select(i => Waiting("w" + i, message: "Buy Pegasus 41 for $140")).ToList();
        var decision = off.Decide(New(), many, Now);
        Assert.True(decision.Accepted);
        Assert.Empty(decision.Replaces);
    }
}
