using System.Net;
using System.Text;
using Mandate.Client.Ciba;
using Mandate.Client.Configuration;
using Mandate.Client.Tests.TestSupport;
using Mandate.Client.Tokens;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Tokens;

public sealed class RedactionTests
{
    [Fact]
    public void TokenResponse_ToString_ShowsNoTokenValue()
    {
        var token = new TokenResponse { AccessToken = "secret-access", RefreshToken = "secret-refresh", IdToken = "secret-id", Scope = "payment" };

        var text = token.ToString();

        Assert.DoesNotContain("secret-", text, StringComparison.Ordinal);
        Assert.Contains("payment", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_ShowsNeitherSecretNorJwk()
    {
        var keys = TestKeys.EcP256();
        var options = new MandateClientOptions { ClientId = "ai-agent", ClientSecret = "top-secret-value", SigningJwk = keys.PrivateJwk };

        var text = options.ToString();

        Assert.DoesNotContain("top-secret-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.PrivateD, text, StringComparison.Ordinal);
        Assert.Contains("ai-agent", text, StringComparison.Ordinal);
    }

    [Fact]
    public void BackchannelAuthenticationRequest_ToString_ShowsNoHintBindingMessageOrUserCode()
    {
        var request = new BackchannelAuthenticationRequest { LoginHint = "end.user", BindingMessage = "Buy shoes", UserCode = "4711", Scopes = ["payment"] };

        var text = request.ToString();

        Assert.DoesNotContain("end.user", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Buy shoes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", text, StringComparison.Ordinal);
        Assert.Contains("openid payment", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CibaProgress_ToString_LeavesOutTheAuthReqId()
    {
        var progress = new CibaProgress(CibaProgressKind.Pending, "req-secret-id", TestTimeProvider.Epoch, TimeSpan.FromSeconds(5), null);

        Assert.DoesNotContain("req-secret-id", progress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_OfCompleteFlows_HoldNoSecretAssertionRequestObjectTokenOrPersonalData()
    {
        await using var harness = new ClientHarness(o =>
        {
            o.TokenEndpointAuthMethod = "private_key_jwt";
            o.BackchannelTokenDeliveryMode = "ping";
        });
        harness.Server.On(ClientHarness.TokenPath, _ => Token("cc-access-token-value"), _ => Error(OAuthErrorCodes.SlowDown),
            _ => Token("ciba-access-token-value", extra: new { id_token = "id-token-value" }),
            _ => Error("invalid_client", "bad client", HttpStatusCode.Unauthorized));
        harness.Server.On(ClientHarness.BackchannelPath, _ => Backchannel("auth-req-id-value", interval: 1));

        await harness.ClientCredentials.GetTokenAsync("prices");
        await harness.ClientCredentials.GetTokenAsync("prices");
        var ciba = harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest());
        await harness.Time.AdvanceToNextTimerAsync();
        await harness.Time.WaitForTimerAsync();
        var notificationToken = harness.RequestObject().GetPayloadValue<string>("client_notification_token");
        harness.Receiver.Receive("Bearer wrong-token", Encoding.UTF8.GetBytes("""{"auth_req_id":"auth-req-id-value"}"""));
        harness.Receiver.Receive("Bearer " + notificationToken, Encoding.UTF8.GetBytes("""{"auth_req_id":"auth-req-id-value"}"""));
        await TestTimeProvider.WithoutAdvancingAsync(ciba);
        await Assert.ThrowsAsync<OAuthException>(() => harness.ClientCredentials.GetTokenAsync("address").AsTask());

        var logs = string.Join("\n", harness.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));
        Assert.NotEmpty(harness.Logs.GetSnapshot());
        string[] secrets =
        [
            harness.Secret, harness.Keys.PrivateD, "cc-access-token-value", "ciba-access-token-value", "id-token-value", "auth-req-id-value",
            notificationToken, harness.RequestObject().EncodedToken, "eyJ", "end.user", "Buy Nike",
        ];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, logs, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExceptionMessages_HoldNoSecret()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(ClientHarness.TokenPath, _ => Error("invalid_client", "client authentication failed", HttpStatusCode.Unauthorized));

        var error = await Assert.ThrowsAsync<OAuthException>(() => harness.ClientCredentials.GetTokenAsync("prices").AsTask());

        Assert.DoesNotContain(harness.Secret, error.ToString(), StringComparison.Ordinal);
    }
}
