using System.Text.Json;
using Mandate.Server.AuthorizationDetails;
using Mandate.Server.Ciba;
using Mandate.Server.Demo;

namespace Mandate.Server.Tests.Protocol;

/// <summary>
/// The RFC 9396 envelope (an array of 1–10 objects with a string type) and the hand-off to the registered type's
/// validator; the <c>shoe_purchase</c> rules themselves are in Seeding/ShoePurchaseDetailTypeTests.
/// </summary>
public sealed class AuthorizationDetailsValidatorTests
{
    private const string Valid = """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""";

    private static readonly AuthorizationDetailsValidator WithShoePurchase = new(new AuthorizationDetailsTypes([new ShoePurchaseDetailType()]));

    [Fact]
    public void RegisteredTypeThatItsValidatorAccepts_IsKeptAsAnArray()
    {
        var result = WithShoePurchase.Validate(Valid);
        Assert.False(result.Failed);
        Assert.StartsWith("[{", result.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteredTypeThatItsValidatorRefuses_IsInvalidWithTheValidatorsDescription()
    {
        var result = WithShoePurchase.Validate("""[{"type":"shoe_purchase","product_id":"nike","size":"10.5","quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""");
        Assert.Equal("invalid_authorization_details", result.Error?.Code);
        Assert.StartsWith("shoe_purchase.size", result.Error?.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"shoe_purchase"}""")]
    [InlineData("""[]""")]
    [InlineData("""[{"type":"wire_transfer","amount":"1"}]""")]
    [InlineData("""[{"product_id":"x"}]""")]
    [InlineData("""[{"type":7}]""")]
    [InlineData("""["shoe_purchase"]""")]
    [InlineData("""not json""")]
    public void MalformedOrUnregistered_IsInvalidAuthorizationDetails(string json) =>
        Assert.Equal("invalid_authorization_details", WithShoePurchase.Validate(json).Error?.Code);

    [Fact]
    public void MoreThanTenEntries_IsInvalid()
    {
        var eleven = "[" + string.Join(',', Enumerable.Repeat(Valid[1..^1], 11)) + "]";
        Assert.Equal("invalid_authorization_details", WithShoePurchase.Validate(eleven).Error?.Code);
        Assert.False(WithShoePurchase.Validate("[" + string.Join(',', Enumerable.Repeat(Valid[1..^1], 10)) + "]").Failed);
    }

    [Theory]
    [InlineData("""[ { "type" : "x" , "n": 1.50, "e": 1e2, "z": -0, "big": 123456789012345678901234567890 } ]""")]
    [InlineData("""[{"type":"x","s":"caf\u00e9 \/ \" <>&' \u2028 \ud83d\ude00"}]""")]
    [InlineData("""[{"type":"x","s":"café 😀 <b>"}]""")]
    [InlineData("""[{"type":"x","\u0074ype2":[],"o":{},"arr":[1,[2,[3]],{"k":null,"t":true,"f":false}]}]""")]
    [InlineData("""[{"type":"x","a":1,"a":2,"o":{"b":1,"b":"two"}}]""")]
    [InlineData("""[{"type":"x","type":"y"}]""")]
    public void Normalize_WritesWhatAJsonNodeRoundTripWrote(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var viaNode = System.Text.Json.Nodes.JsonNode.Parse(document.RootElement.GetRawText())!.ToJsonString();
        Assert.Equal(viaNode, AuthorizationDetailsValidator.Normalize(document.RootElement));
    }

    [Fact]
    public void RegisteredType_IsStoredCompactWithTheDefaultEscaping() =>
        Assert.Equal(
            """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""",
            WithShoePurchase.Validate(Valid.Replace(",", " , ", StringComparison.Ordinal)).Value);

    [Theory]
    [InlineData(8, false)]
    [InlineData(9, true)]
    [InlineData(40, true)]
    public void NestingDeeperThanEightLevels_IsRefused_AsFormTextAndAsARequestObjectClaim(int depth, bool refused)
    {
        var validator = new AuthorizationDetailsValidator(new AuthorizationDetailsTypes([new NamedType("nested")]));
        var json = Nested(depth);
        using var claims = JsonDocument.Parse("{\"authorization_details\":" + json + "}", new JsonDocumentOptions { MaxDepth = 64 });
        var parameters = BackchannelParameters.FromClaims(claims.RootElement).Value!;

        foreach (var result in new[] { validator.Validate(json), validator.Validate(parameters.AuthorizationDetailsClaim!.Value) })
        {
            Assert.Equal(refused, result.Failed);
            Assert.Equal(refused ? "authorization_details may be nested at most 8 levels deep." : json, refused ? result.Error!.Description : result.Value);
        }
    }

    [Fact]
    public void ARequestObjectClaim_IsCheckedAsParsed_AndAsTextWhenItIsAString()
    {
        using var claims = JsonDocument.Parse("{\"authorization_details\":" + Valid + ",\"scope\":\"openid\"}");
        var asArray = BackchannelParameters.FromClaims(claims.RootElement).Value!;
        using var text = JsonDocument.Parse("{\"authorization_details\":" + JsonSerializer.Serialize(Valid) + "}");
        var asString = BackchannelParameters.FromClaims(text.RootElement).Value!;

        Assert.Null(asArray.AuthorizationDetails);
        Assert.Equal(Valid, WithShoePurchase.Validate(asArray.AuthorizationDetailsClaim!.Value).Value);
        Assert.Null(asString.AuthorizationDetailsClaim);
        Assert.Equal(Valid, WithShoePurchase.Validate(asString.AuthorizationDetails!).Value);
    }

    [Fact]
    public void NoRegisteredType_RefusesEveryEntryAndAdvertisesNone()
    {
        var none = new AuthorizationDetailsValidator(new AuthorizationDetailsTypes([]));
        Assert.Empty(none.SupportedTypes);
        Assert.Equal(AuthorizationDetailsTypes.UnsupportedType, none.Validate(Valid).Error?.Description);
    }

    [Fact]
    public void SupportedTypes_AreTheRegisteredNamesInOrder()
    {
        var types = new AuthorizationDetailsTypes([new ShoePurchaseDetailType(), new NamedType("account_information")]);
        Assert.Equal(["shoe_purchase", "account_information"], new AuthorizationDetailsValidator(types).SupportedTypes);
    }

    /// <summary>An array (level 1) holding one <c>nested</c> entry (level 2) whose member <c>n</c> nests objects down to
    /// <paramref name="depth"/> levels in all.</summary>
    private static string Nested(int depth) =>
        "[{\"type\":\"nested\"" + string.Concat(Enumerable.Repeat(",\"n\":{\"k\":0", depth - 2)) + new string('}', depth - 2) + "}]";

    private sealed class NamedType(string name) : IAuthorizationDetailsType
    {
        public string Type => name;

        public string? Validate(JsonElement detail) => null;
    }
}
