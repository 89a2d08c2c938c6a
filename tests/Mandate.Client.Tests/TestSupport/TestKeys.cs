using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Client.Tests.TestSupport;

/// <summary>Keys generated at run time (no key material in source), as private JWK JSON plus the public key to verify with.</summary>
public sealed class TestKeys
{
    private TestKeys(string privateJwk, SecurityKey publicKey, string privateD)
    {
        PrivateJwk = privateJwk;
        PublicKey = publicKey;
        PrivateD = privateD;
    }

    public string PrivateJwk { get; }

    public SecurityKey PublicKey { get; }

    /// <summary>The base64url private exponent, to check it never appears anywhere.</summary>
    public string PrivateD { get; }

    public static TestKeys EcP256(string? kid = "agent-1", string? alg = null)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ecdsa.ExportParameters(true);
        var jwk = new Dictionary<string, string?>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!), ["d"] = B64(p.D!), ["kid"] = kid, ["alg"] = alg,
        };
        var publicKey = new ECDsaSecurityKey(ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = p.Q })) { KeyId = kid };
        return new TestKeys(Serialize(jwk), publicKey, B64(p.D!));
    }

    public static TestKeys Rsa(string? kid = "agent-rsa", string? alg = null)
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        var jwk = new Dictionary<string, string?>
        {
            ["kty"] = "RSA", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!), ["d"] = B64(p.D!), ["p"] = B64(p.P!), ["q"] = B64(p.Q!),
            ["dp"] = B64(p.DP!), ["dq"] = B64(p.DQ!), ["qi"] = B64(p.InverseQ!), ["kid"] = kid, ["alg"] = alg,
        };
        var publicKey = new RsaSecurityKey(new RSAParameters { Modulus = p.Modulus, Exponent = p.Exponent }) { KeyId = kid };
        return new TestKeys(Serialize(jwk), publicKey, B64(p.D!));
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    private static string Serialize(Dictionary<string, string?> jwk) =>
        JsonSerializer.Serialize(jwk.Where(p => p.Value is not null).ToDictionary());
}
