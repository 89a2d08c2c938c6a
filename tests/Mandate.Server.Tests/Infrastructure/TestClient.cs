using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>A client registered in the test seed, with its run-time generated secret and key.</summary>
public sealed class TestClient(string clientId)
{
    public string ClientId { get; } = clientId;

    public string Secret { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string Kid { get; } = "k-" + clientId;

    public Dictionary<string, string> PublicJwk()
    {
        var p = Key.ExportParameters(false);
        return new()
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = Kid, ["use"] = "sig", ["alg"] = "ES256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X!), ["y"] = Base64UrlEncoder.Encode(p.Q.Y!),
        };
    }

    public string BasicHeader() =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(Secret)));
}
