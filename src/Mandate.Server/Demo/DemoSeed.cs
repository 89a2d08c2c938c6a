using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mandate.Server.Configuration;
using Mandate.Server.Seeding;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Demo;

/// <summary>
/// The shoe-store demo's identities (docs/server.md): users <c>end.user</c> and <c>app.owner</c>, client
/// <c>ai-agent</c> with a fresh secret and a fresh ES256 request-signing key, a fresh password for <c>end.user</c>, and
/// the store's scopes. Host code: Mandate.Server's own <c>Program</c> and ShoeStore.Demo (a linked file) use it; the
/// library does not.
/// </summary>
internal static class DemoSeed
{
    /// <summary>JSON options for the agent's JWKs: null members are left out.</summary>
    private static readonly JsonSerializerOptions JwkJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Subject id of <c>end.user</c>.</summary>
    public const string EndUserSubject = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17";

    /// <summary>Subject id of <c>app.owner</c>.</summary>
    public const string AppOwnerSubject = "1d4f6b8a-0c2e-4a9b-8d7f-5e3c1a9b7d20";

    /// <summary>Username of the person who approves.</summary>
    public const string EndUserName = "end.user";

    /// <summary>The agent's client id.</summary>
    public const string AgentClientId = "ai-agent";

    /// <summary>The store API's audience.</summary>
    public const string StoreAudience = "shoestore-api";

    /// <summary>The store's MCP server (docs/mcp.md), a second resource the agent may ask tokens for (RFC 8707).</summary>
    public const string StoreMcpResource = "http://127.0.0.1:5200/mcp";

    /// <summary>The standard scopes with their descriptions, resources and lifetimes.</summary>
    public static List<SeedScope> Scopes() =>
    [
        new() { Name = "openid", Description = "Confirm to the app that it is you" },
        new() { Name = "profile", Description = "See your name" },
        new() { Name = "email", Description = "See your email address" },
        new() { Name = "address", Description = "Use your shipping address on file to prepare a quote", Resource = StoreAudience, AccessTokenLifetime = 3600 },
        new() { Name = "prices", Description = "See prices and current deals", Resource = StoreAudience, AccessTokenLifetime = 3600 },
        new() { Name = "payment", Description = "Place an order and pay with your saved payment method", Resource = StoreAudience, AccessTokenLifetime = 300 },
    ];

    /// <summary>Creates the demo seed with fresh secrets, and the private JWK (JSON) of the agent's signing key.</summary>
    public static (SeedDocument Seed, string PrivateJwk, string ClientSecret, string EndUserPassword) Create()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // The key → JWK conversion is IdentityModel's JsonWebKeyConverter, as in Keys/ServerKeyRing.cs.
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(
            new ECDsaSecurityKey(ecdsa) { KeyId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9)) });
        jwk.Use = JsonWebKeyUseNames.Sig;
        jwk.Alg = SecurityAlgorithms.EcdsaSha256;
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)); // 256 bits, as the server generates client secrets
        var password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

        var seed = new SeedDocument
        {
            Scopes = Scopes(),
            Users =
            [
                new() { Subject = EndUserSubject, Username = EndUserName, Password = password, Name = "End User", Email = "end.user@example.com", Address = Address("1 Market Street") },
                new() { Subject = AppOwnerSubject, Username = "app.owner", Password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)), Name = "App Owner", Email = "app.owner@example.com", Address = Address("2 Market Street") },
            ],
            Clients =
            [
                AgentClient(secret, Jwks(jwk), StoreMcpResource),
            ],
        };
        return (seed, JsonSerializer.Serialize(Members(jwk, withPrivateKey: true), JwkJson), secret, password);
    }

    /// <summary>
    /// The agent's client: secret and request-signing key, Client Credentials and CIBA (poll, ES256 request objects), the
    /// store's scopes, and the resources it may ask tokens for (RFC 8707): the REST API and the MCP server at
    /// <paramref name="storeMcpResource"/> — the store's actual <c>/mcp</c> URL when the demo runs it elsewhere than
    /// <see cref="StoreMcpResource"/>.
    /// </summary>
    public static SeedClient AgentClient(string secret, JsonElement publicJwks, string storeMcpResource) => new()
    {
        ClientId = AgentClientId,
        DisplayName = "Shoe Store Assistant",
        ClientSecret = secret,
        Jwks = publicJwks,
        GrantTypes = ["client_credentials", MandateEndpoints.CibaGrantType],
        Scopes = ["openid", "profile", "email", "address", "prices", "payment"],
        BackchannelTokenDeliveryMode = "poll",
        BackchannelAuthenticationRequestSigningAlg = "ES256",
        Resources = [StoreAudience, storeMcpResource],
    };

    /// <summary>The public JWK Set (RFC 7517 §5) of the agent's signing key, from its private JWK (JSON, as in <c>demo.env</c>).</summary>
    public static JsonElement PublicJwks(string privateJwk) => Jwks(new JsonWebKey(privateJwk));

    private static JsonElement Jwks(JsonWebKey jwk) =>
        JsonSerializer.SerializeToElement(new { keys = new[] { Members(jwk, withPrivateKey: false) } }, JwkJson);

    /// <summary>The EC JWK's members; <c>d</c> (null, so left out) unless the private key is wanted.</summary>
    private static object Members(JsonWebKey jwk, bool withPrivateKey) => new
    {
        kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, d = withPrivateKey ? jwk.D : null, kid = jwk.Kid, use = jwk.Use, alg = jwk.Alg,
    };

    private static JsonElement Address(string street) => JsonSerializer.SerializeToElement(new Dictionary<string, string>
    {
        ["street_address"] = street, ["locality"] = "Springfield", ["region"] = "OR", ["postal_code"] = "97477", ["country"] = "US",
    });
}
