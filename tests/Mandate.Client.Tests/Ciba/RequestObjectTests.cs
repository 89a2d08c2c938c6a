using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Client.Ciba;
using Mandate.Client.Tests.TestSupport;
using static Mandate.Client.Tests.TestSupport.FakeOAuthServer;

namespace Mandate.Client.Tests.Ciba;

public sealed class RequestObjectTests
{
    private const string BackchannelPath = ClientHarness.BackchannelPath;

    private static async Task<ClientHarness> SendAsync(BackchannelAuthenticationRequest request, TestKeys? keys = null,
        Action<Mandate.Client.Configuration.MandateClientOptions>? configure = null)
    {
        var harness = new ClientHarness(configure, keys);
        harness.Server.On(BackchannelPath, _ => Error("access_denied"));
        await Assert.ThrowsAnyAsync<Exception>(() => harness.Ciba.AuthenticateAsync(request));
        return harness;
    }

    public static TheoryData<string, string?, string> Keys => new()
    {
        { "EC", null, "ES256" },
        { "RSA", null, "PS256" },
        { "RSA", "RS256", "RS256" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task RequestObject_IsSignedWithTheAlgorithmTheJwkCallsFor_AndVerifies(string kty, string? jwkAlg, string expected)
    {
        var keys = kty == "EC" ? TestKeys.EcP256(alg: jwkAlg) : TestKeys.Rsa(alg: jwkAlg);
        await using var harness = await SendAsync(ClientHarness.PaymentRequest(), keys);

        var jwt = harness.Server.RequestsTo(BackchannelPath)[0].Form["request"];
        var verified = await Jwts.VerifyAsync(jwt, keys.PublicKey, ClientHarness.ClientId, ClientHarness.Issuer, expected);

        Assert.Equal(expected, verified.Alg);
        Assert.Equal(kty == "EC" ? "agent-1" : "agent-rsa", verified.Kid);
    }

    [Fact]
    public async Task RequestObject_CarriesAudIssExpIatNbfJti_WithinTenMinutes()
    {
        await using var harness = await SendAsync(ClientHarness.PaymentRequest(), configure: o => o.RequestObjectLifetime = TimeSpan.FromMinutes(10));
        var jwt = harness.RequestObject();
        var now = TestTimeProvider.Epoch.ToUnixTimeSeconds();

        Assert.Equal([ClientHarness.Issuer], jwt.Audiences);
        Assert.Equal(ClientHarness.ClientId, jwt.Issuer);
        Assert.Equal(now, jwt.GetPayloadValue<long>("iat"));
        Assert.Equal(now, jwt.GetPayloadValue<long>("nbf"));
        Assert.Equal(now + 600, jwt.GetPayloadValue<long>("exp"));
        Assert.False(string.IsNullOrEmpty(jwt.Id));
    }

    [Fact]
    public async Task RequestObject_DefaultLifetime_IsFiveMinutes()
    {
        await using var harness = await SendAsync(ClientHarness.PaymentRequest());
        var jwt = harness.RequestObject();

        Assert.Equal(300, jwt.GetPayloadValue<long>("exp") - jwt.GetPayloadValue<long>("iat"));
    }

    [Fact]
    public async Task RequestObject_Jti_IsFreshForEveryRequest()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(BackchannelPath, _ => Error("access_denied"));
        await Assert.ThrowsAnyAsync<Exception>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));
        await Assert.ThrowsAnyAsync<Exception>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest()));

        Assert.NotEqual(harness.RequestObject(0).Id, harness.RequestObject(1).Id);
    }

    [Fact]
    public async Task RequestObject_HoldsEveryParameter_WithTheRightJsonTypes()
    {
        var request = new BackchannelAuthenticationRequest
        {
            LoginHint = "end.user",
            Scopes = ["payment", "address"],
            BindingMessage = "Buy Nike Pegasus 41",
            AcrValues = "push mfa",
            RequestedExpiry = TimeSpan.FromSeconds(120),
            UserCode = "4711",
        };
        await using var harness = await SendAsync(request);
        var jwt = harness.RequestObject();

        Assert.Equal("openid payment address", jwt.GetPayloadValue<string>("scope"));
        Assert.Equal("end.user", jwt.GetPayloadValue<string>("login_hint"));
        Assert.Equal("Buy Nike Pegasus 41", jwt.GetPayloadValue<string>("binding_message"));
        Assert.Equal("push mfa", jwt.GetPayloadValue<string>("acr_values"));
        Assert.Equal("4711", jwt.GetPayloadValue<string>("user_code"));
        using var payload = JsonDocument.Parse(Base64UrlDecode(jwt.EncodedPayload));
        Assert.Equal(JsonValueKind.Number, payload.RootElement.GetProperty("requested_expiry").ValueKind);
        Assert.Equal(120, payload.RootElement.GetProperty("requested_expiry").GetInt32());
        Assert.False(payload.RootElement.TryGetProperty("client_notification_token", out _));
    }

    [Fact]
    public async Task RequestObject_ScopeWithoutOpenid_GetsOpenidAddedOnce()
    {
        await using var harness = await SendAsync(new BackchannelAuthenticationRequest { LoginHint = "end.user", Scopes = ["payment", "openid"] });

        Assert.Equal("openid payment", harness.RequestObject().GetPayloadValue<string>("scope"));
    }

    [Fact]
    public async Task RequestObject_AcrValues_DefaultFromOptions()
    {
        await using var harness = await SendAsync(ClientHarness.PaymentRequest(), configure: o => o.AcrValues = "push");

        Assert.Equal("push", harness.RequestObject().GetPayloadValue<string>("acr_values"));
    }

    [Fact]
    public async Task RequestObject_Resource_IsSentAsTheResourceClaim_OnlyWhenSet()
    {
        await using var withResource = await SendAsync(ClientHarness.PaymentRequest(resource: "http://127.0.0.1:5200/mcp"));
        await using var without = await SendAsync(ClientHarness.PaymentRequest());

        Assert.Equal("http://127.0.0.1:5200/mcp", withResource.RequestObject().GetPayloadValue<string>("resource"));
        Assert.False(without.RequestObject().TryGetPayloadValue<string>("resource", out _));
    }

    [Theory]
    [InlineData("mcp")]
    [InlineData("http://127.0.0.1:5200/mcp#tools")]
    public async Task Request_WithAResourceThatIsNotAnAbsoluteUriWithoutFragment_IsRefusedBeforeSending(string resource)
    {
        await using var harness = new ClientHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Ciba.AuthenticateAsync(ClientHarness.PaymentRequest(resource)));
        Assert.Empty(harness.Server.RequestsTo(BackchannelPath));
    }

    [Fact]
    public async Task RequestObject_AuthorizationDetails_SentAsAJsonArrayOfAnyType()
    {
        var purchase = new { type = "shoe_purchase", product_id = "nike-pegasus-41", size = 10.5, quantity = 1,
            max_amount = new { currency = "USD", value = "140.00" } };
        var request = new BackchannelAuthenticationRequest
        {
            LoginHint = "end.user",
            Scopes = ["payment"],
            AuthorizationDetails = [JsonSerializer.SerializeToNode(purchase), new JsonObject { ["type"] = "custom", ["nested"] = new JsonArray(1, 2) }],
        };
        await using var harness = await SendAsync(request);
        using var payload = JsonDocument.Parse(Base64UrlDecode(harness.RequestObject().EncodedPayload));

        var details = payload.RootElement.GetProperty("authorization_details");
        Assert.Equal(JsonValueKind.Array, details.ValueKind);
        Assert.Equal(10.5, details[0].GetProperty("size").GetDouble());
        Assert.Equal(JsonValueKind.Number, details[0].GetProperty("quantity").ValueKind);
        Assert.Equal("140.00", details[0].GetProperty("max_amount").GetProperty("value").GetString());
        Assert.Equal("custom", details[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Request_SendsOnlyTheRequestObject_AndAuthenticatesTheClientSeparately()
    {
        await using var harness = await SendAsync(ClientHarness.PaymentRequest());
        var sent = harness.Server.RequestsTo(BackchannelPath)[0];

        Assert.Equal(["request"], sent.Form.Keys);
        Assert.Equal("Basic", sent.Authorization?.Scheme);
    }

    [Fact]
    public async Task Request_WithPrivateKeyJwt_SendsTheAssertionBesideTheRequestObject()
    {
        await using var harness = await SendAsync(ClientHarness.PaymentRequest(), configure: o => o.TokenEndpointAuthMethod = "private_key_jwt");
        var sent = harness.Server.RequestsTo(BackchannelPath)[0];

        Assert.Equal(["request", "client_id", "client_assertion_type", "client_assertion"], sent.Form.Keys);
        Assert.Null(sent.Authorization);
    }

    public static TheoryData<string?, string?, string?> BadHints => new()
    {
        { null, null, null },
        { "end.user", "eyJ.id.token", null },
        { "end.user", null, "hint-token" },
        { "end.user", "eyJ.id.token", "hint-token" },
    };

    [Theory]
    [MemberData(nameof(BadHints))]
    public async Task Request_WithoutExactlyOneHint_IsRejectedBeforeAnyHttpRequest(string? loginHint, string? idTokenHint, string? loginHintToken)
    {
        await using var harness = new ClientHarness();
        var request = new BackchannelAuthenticationRequest { LoginHint = loginHint, IdTokenHint = idTokenHint, LoginHintToken = loginHintToken };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Ciba.AuthenticateAsync(request));
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Request_AuthorizationDetailWithoutType_IsRejectedBeforeAnyHttpRequest()
    {
        await using var harness = new ClientHarness();
        var request = new BackchannelAuthenticationRequest { LoginHint = "end.user", AuthorizationDetails = [new JsonObject { ["product_id"] = "x" }] };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Ciba.AuthenticateAsync(request));
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Request_NonPositiveRequestedExpiry_IsRejected()
    {
        await using var harness = new ClientHarness();
        var request = new BackchannelAuthenticationRequest { LoginHint = "end.user", RequestedExpiry = TimeSpan.Zero };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Ciba.AuthenticateAsync(request));
    }

    internal static byte[] Base64UrlDecode(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);
}
