using Mandate.Client.Tests.TestSupport;
using Mandate.Client.Tokens;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Ciba;

/// <summary>The tutorial's sample agent code has six bugs; each test shows this client does not have it.</summary>
public sealed class TutorialSampleBugTests
{
    private const string TokenPath = ClientHarness.TokenPath;
    private const string BackchannelPath = ClientHarness.BackchannelPath;

    private static HttpResponseMessage Pending(RecordedRequest _) => Error(OAuthErrorCodes.AuthorizationPending);

    [Fact]
    public async Task TutorialBug_UndefinedNbf_RequestObjectCarriesNbfOfNow()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Error("access_denied"));
        await Assert.ThrowsAsync<OAuthException>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Equal(TestTimeProvider.Epoch.ToUnixTimeSeconds(), harness.RequestObject().GetPayloadValue<long>("nbf"));
    }

    [Fact]
    public async Task TutorialBug_UndefinedInitialInterval_IntervalDefaultsToFiveSeconds()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 60, interval: null));
        harness.Server.On(TokenPath, Pending, _ => Token("at-1"));

        await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Equal([5.0, 10.0], CibaPollingTests.PollOffsets(harness));
    }

    [Fact]
    public async Task TutorialBug_UnawaitedJwt_RequestObjectIsASignedJwtThatVerifies()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Error("access_denied"));
        await Assert.ThrowsAsync<OAuthException>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        var sent = harness.Server.RequestsTo(BackchannelPath)[0].Form["request"];
        Assert.Equal(3, sent.Split('.').Length);
        await Jwts.VerifyAsync(sent, harness.Keys.PublicKey, ClientHarness.ClientId, ClientHarness.Issuer, "ES256");
    }

    [Fact]
    public async Task TutorialBug_TimeoutThrownAfterFirstPoll_KeepsPollingUntilTheDeadline()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 30, interval: 5));
        harness.Server.On(TokenPath, Pending, Pending, Pending, Pending, Pending, _ => Token("at-1"));

        var token = await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Equal("at-1", token.AccessToken);
        Assert.Equal([5.0, 10.0, 15.0, 20.0, 25.0, 30.0], CibaPollingTests.PollOffsets(harness));
    }

    [Fact]
    public async Task TutorialBug_AccessTokenUndefined_TokenResponseIsParsedAndReturned()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", interval: 1));
        harness.Server.On(TokenPath, _ => Token("at-ciba", 300, "payment",
            new { id_token = "eyJ.id.token", authorization_details = new[] { new { type = "shoe_purchase" } } }));

        var token = await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.Equal("at-ciba", token.AccessToken);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal("payment", token.Scope);
        Assert.Equal("eyJ.id.token", token.IdToken);
        Assert.Equal(TimeSpan.FromSeconds(300), token.ExpiresIn);
        Assert.Equal("shoe_purchase", token.AuthorizationDetails!.Value[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task TutorialBug_SlowDownIgnored_IntervalGrowsByFiveSeconds()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Backchannel("req-1", expiresIn: 60, interval: 2));
        harness.Server.On(TokenPath, _ => Error(OAuthErrorCodes.SlowDown), _ => Token("at-1"));

        await harness.Time.DriveAsync(harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        var polls = CibaPollingTests.PollOffsets(harness);
        Assert.Equal(7.0, polls[1] - polls[0]);
    }
}
