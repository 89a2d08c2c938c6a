using System.Security.Cryptography;
using Mandate.Server.Demo;
using Mandate.Server.Keys;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Seeding;

/// <summary>The demo agent's signing key as JWKs: the seed publishes the public one, demo.env gets the private one.</summary>
public sealed class DemoSeedJwkTests
{
    [Fact]
    public void Create_PublishesAPublicEcJwk_WithExactlyTheSigningMembers()
    {
        var (seed, _, _, _) = DemoSeed.Create();

        var key = Assert.Single(seed.Clients.Single().Jwks!.Value.GetProperty("keys").EnumerateArray());

        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x", "y"], key.EnumerateObject().Select(m => m.Name).Order());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
    }

    [Fact]
    public void Create_PrivateJwk_IsThePublishedKeyWithItsPrivatePart()
    {
        var (seed, privateJwk, _, _) = DemoSeed.Create();
        var published = seed.Clients.Single().Jwks!.Value.GetProperty("keys")[0];

        using var jwk = JsonDocument.Parse(privateJwk);

        Assert.Equal(["alg", "crv", "d", "kid", "kty", "use", "x", "y"], jwk.RootElement.EnumerateObject().Select(m => m.Name).Order());
        foreach (var member in published.EnumerateObject())
        {
            Assert.Equal(member.Value.GetString(), jwk.RootElement.GetProperty(member.Name).GetString());
        }

        byte[] data = [1, 2, 3];
        var signature = ServerKeyRing.ToSecurityKey(privateJwk, "demo").ECDsa.SignData(data, HashAlgorithmName.SHA256);
        Assert.True(JsonWebKeyConverter.TryConvertToSecurityKey(new JsonWebKey(published.GetRawText()), out var publicKey));
        Assert.True(((ECDsaSecurityKey)publicKey).ECDsa.VerifyData(data, signature, HashAlgorithmName.SHA256));
    }
}
