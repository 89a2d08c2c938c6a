namespace Mandate.Server.Tests.Infrastructure;

/// <summary>RFC 7523 client assertions for tests.</summary>
public static class Assertions
{
    public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static Dictionary<string, object> Claims(TestClient client, DateTimeOffset now, string audience = MandateTestServer.TokenEndpoint)
    {
        var t = now.ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["iss"] = client.ClientId,
            ["sub"] = client.ClientId,
            ["aud"] = audience,
            ["iat"] = t,
            ["exp"] = t + 120,
            ["jti"] = Guid.NewGuid().ToString(),
        };
    }

    public static string Sign(TestClient client, Dictionary<string, object> claims, string? kid = null) =>
        Jwt.SignEs256(client.Key, kid ?? client.Kid, claims);

    public static (string, string)[] Form(string assertion, params (string, string)[] rest) =>
        [("client_assertion_type", Type), ("client_assertion", assertion), .. rest];
}
