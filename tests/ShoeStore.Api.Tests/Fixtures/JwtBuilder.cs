using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>Builds compact JWS tokens by hand, so a test can set any header or claim, valid or not.</summary>
public sealed class JwtBuilder
{
    public const string EndUser = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17";
    public const string AppOwner = "1d4f6b8a-0c2e-4a9b-8d7f-5e3c1a9b7d20";
    public const string Agent = "ai-agent";
    public const string Audience = "shoestore-api";

    private Func<byte[], byte[]> _sign;

    private JwtBuilder(JsonObject header, JsonObject payload, Func<byte[], byte[]> sign)
    {
        Header = header;
        Payload = payload;
        _sign = sign;
    }

    public JsonObject Header { get; }

    public JsonObject Payload { get; }

    /// <summary>A CIBA token: <c>end.user</c> through <c>ai-agent</c>, all three scopes, 5 minutes.</summary>
    public static JwtBuilder UserToken(TestAuthority authority, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "at+jwt", ["kid"] = authority.EcKeyId };
        var payload = new JsonObject
        {
            ["iss"] = TestAuthority.Issuer,
            ["sub"] = EndUser,
            ["aud"] = Audience,
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["client_id"] = Agent,
            ["scope"] = "prices address payment",
            ["act"] = new JsonObject { ["sub"] = Agent },
        };
        return new JwtBuilder(header, payload, EcSigner(authority.EcKey, HashAlgorithmName.SHA256));
    }

    /// <summary>Makes this a client-credentials token: <c>sub</c> = client id, no <c>act</c>.</summary>
    public JwtBuilder AsClientCredentials(string scope = "prices")
    {
        Payload["sub"] = Agent;
        Payload.Remove("act");
        Payload["scope"] = scope;
        return this;
    }

    public JwtBuilder WithClaim(string name, JsonNode? value)
    {
        Payload[name] = value;
        return this;
    }

    public JwtBuilder WithoutClaim(string name)
    {
        Payload.Remove(name);
        return this;
    }

    public JwtBuilder WithHeader(string name, JsonNode? value)
    {
        Header[name] = value;
        return this;
    }

    public JwtBuilder WithoutHeader(string name)
    {
        Header.Remove(name);
        return this;
    }

    public JwtBuilder WithScope(string scope) => WithClaim("scope", scope);

    /// <summary>Adds a <c>shoe_purchase</c> approval (RFC 9396).</summary>
    public JwtBuilder WithPurchase(string productId, decimal size, int quantity, string maxAmount, string currency = "USD") =>
        WithClaim("authorization_details", new JsonArray(new JsonObject
        {
            ["type"] = "shoe_purchase",
            ["product_id"] = productId,
            ["size"] = size,
            ["quantity"] = quantity,
            ["max_amount"] = new JsonObject { ["currency"] = currency, ["value"] = maxAmount },
        }));

    public JwtBuilder SignedWith(Func<byte[], byte[]> sign)
    {
        _sign = sign;
        return this;
    }

    public string Build()
    {
        var signingInput = Encode(Header) + "." + Encode(Payload);
        return signingInput + "." + Base64UrlEncoder.Encode(_sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    public override string ToString() => Build();

    public static Func<byte[], byte[]> EcSigner(ECDsa key, HashAlgorithmName hash) =>
        data => key.SignData(data, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public static Func<byte[], byte[]> RsaSigner(RSA key) =>
        data => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public static Func<byte[], byte[]> HmacSigner(byte[] secret) => data => HMACSHA256.HashData(secret, data);

    public static Func<byte[], byte[]> NoSignature => _ => [];

    private static string Encode(JsonObject part) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(part.ToJsonString()));
}
