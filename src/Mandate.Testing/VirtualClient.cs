using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Mandate.Testing;

/// <summary>The registered client's credentials: a secret and an EC P-256 key (ES256) for signed request objects.</summary>
internal sealed class VirtualClient
{
    private VirtualClient(string secret, Dictionary<string, string> publicJwk, string privateJwk)
    {
        Secret = secret;
        PublicJwk = publicJwk;
        PrivateJwk = privateJwk;
    }

    public string Secret { get; }

    public Dictionary<string, string> PublicJwk { get; }

    /// <summary>The private JWK as JSON, the form Mandate.Client's <c>SigningJwk</c> takes.</summary>
    public string PrivateJwk { get; }

    public static VirtualClient Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "agent-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6)),
            ["use"] = "sig", ["alg"] = "ES256", ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y),
        };
        var privateJwk = new Dictionary<string, string>(jwk) { ["d"] = Base64Url.EncodeToString(p.D) };
        return new VirtualClient(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), jwk, JsonSerializer.Serialize(privateJwk));
    }
}
