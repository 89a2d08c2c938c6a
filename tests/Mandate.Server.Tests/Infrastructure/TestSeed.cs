using System.Security.Cryptography;
using Mandate.Server.Demo;
using Mandate.Server.Seeding;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>The clients and users every test server starts with; secrets and keys are generated at run time.</summary>
public sealed class TestSeed
{
    public const string EndUserSubject = DemoSeed.EndUserSubject;
    public const string AppOwnerSubject = DemoSeed.AppOwnerSubject;
    public const string Ciba = "urn:openid:params:grant-type:ciba";

    /// <summary>A second resource the seeded clients may ask tokens for (RFC 8707), the store's MCP server.</summary>
    public const string McpResource = "http://127.0.0.1:5200/mcp";

    /// <summary>Signed requests required (ES256), poll — like the demo agent.</summary>
    public TestClient Agent { get; } = new("ai-agent");

    /// <summary>Plain form requests allowed, poll, also has a key for private_key_jwt.</summary>
    public TestClient Plain { get; } = new("plain-agent");

    /// <summary>Ping mode.</summary>
    public TestClient Pinger { get; } = new("ping-agent");

    /// <summary>Client credentials only.</summary>
    public TestClient CcOnly { get; } = new("cc-only");

    /// <summary>CIBA only (no client credentials).</summary>
    public TestClient CibaOnly { get; } = new("ciba-only");

    /// <summary>Two keys in its JWKS (kid required).</summary>
    public TestClient MultiKey { get; } = new("multi-key-agent");

    /// <summary>Sends user codes.</summary>
    public TestClient UserCoder { get; } = new("usercode-agent");

    public string EndUserPassword { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));

    public string AppOwnerPassword { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));

    public string EndUserCode { get; } = "code-" + RandomNumberGenerator.GetInt32(100000, 999999);

    /// <summary>Notification endpoint of <see cref="Pinger"/>.</summary>
    public string PingEndpoint { get; set; } = "http://127.0.0.1:9/ping";

    public SeedDocument Build()
    {
        string[] all = ["openid", "profile", "email", "address", "prices", "payment"];
        return new SeedDocument
        {
            Scopes = [.. DemoSeed.Scopes(), new() { Name = "inventory", Description = "See stock levels", Resource = "warehouse-api" }],
            Users =
            [
                new() { Subject = EndUserSubject, Username = "end.user", Password = EndUserPassword, UserCode = EndUserCode, Name = "End User", Email = "end.user@example.com" },
                new() { Subject = AppOwnerSubject, Username = "app.owner", Password = AppOwnerPassword, Name = "App Owner" },
            ],
            Clients =
            [
                Client(Agent, [.. all], "poll", signingAlg: "ES256"),
                Client(Plain, [.. all, "inventory"], "poll"),
                Client(Pinger, [.. all], "ping", endpoint: PingEndpoint),
                new() { ClientId = CcOnly.ClientId, ClientSecret = CcOnly.Secret, GrantTypes = ["client_credentials"], Scopes = ["prices"] },
                Client(UserCoder, [.. all], "poll", userCode: true),
                MultiKeyClient(),
                new() { ClientId = CibaOnly.ClientId, ClientSecret = CibaOnly.Secret, GrantTypes = [Ciba], Scopes = [.. all], BackchannelTokenDeliveryMode = "poll" },
            ],
        };
    }

    private SeedClient MultiKeyClient()
    {
        var client = Client(MultiKey, ["openid", "payment"], "poll", signingAlg: "ES256");
        var second = new TestClient("second").PublicJwk();
        client.Jwks = JsonSerializer.SerializeToElement(new { keys = new[] { MultiKey.PublicJwk(), second } });
        return client;
    }

    private static SeedClient Client(TestClient c, List<string> scopes, string mode, string? signingAlg = null, string? endpoint = null, bool userCode = false) => new()
    {
        ClientId = c.ClientId,
        DisplayName = c.ClientId + " display",
        ClientSecret = c.Secret,
        Jwks = JsonSerializer.SerializeToElement(new { keys = new[] { c.PublicJwk() } }),
        GrantTypes = ["client_credentials", Ciba],
        Scopes = scopes,
        BackchannelTokenDeliveryMode = mode,
        BackchannelClientNotificationEndpoint = endpoint,
        BackchannelAuthenticationRequestSigningAlg = signingAlg,
        BackchannelUserCodeParameter = userCode,
        Resources = ["shoestore-api", McpResource],
    };
}
