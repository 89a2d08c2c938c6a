namespace Mandate.Server.Tests.Infrastructure;

/// <summary>What the key-rotation tests look at: the key set a server publishes and the key a token names.</summary>
public static class KeyCalls
{
    /// <summary>A client-credentials access token for the seed's plain client (asserts 200).</summary>
    public static async Task<string> ClientCredentialsTokenAsync(this MandateTestServer server, TestSeed seed)
    {
        var assertion = Assertions.Sign(seed.Plain, Assertions.Claims(seed.Plain, server.Time.GetUtcNow()));
        var response = await server.TokenAsync(null, Assertions.Form(assertion, ("grant_type", "client_credentials"), ("scope", "prices")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("access_token").GetString()!;
    }

    /// <summary>The <c>kid</c>s of the server's JWKS, in the order published.</summary>
    public static async Task<string[]> PublishedKidsAsync(this MandateTestServer server)
    {
        var jwks = await (await server.Client.GetAsync(MandateTestServer.Issuer + "/connect/jwk_uri")).ReadJsonAsync();
        return jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }

    /// <summary>The <c>kid</c> in a JWT's header.</summary>
    public static string Kid(string jwt) => Jwt.Header(jwt).GetProperty("kid").GetString()!;
}
