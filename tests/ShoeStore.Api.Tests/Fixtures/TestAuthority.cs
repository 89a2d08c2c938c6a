using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.IdentityModel.Tokens;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>
/// A stand-in authorization server on a TestServer: discovery and JWKS under the issuer, with an ES256 and an
/// RS256 key generated at run time, a path that plays an attacker's JWKS, and request counters.
/// </summary>
public sealed class TestAuthority : IAsyncDisposable
{
    public const string Issuer = "https://mandate.test/am/oauth2/realms/root/realms/alpha";

    public const string AttackerJwksUrl = "https://mandate.test/attacker/jwks";

    private readonly WebApplication _app;
    private readonly List<JsonObject> _published = [];
    private readonly Lock _gate = new();
    private int _jwksRequests;
    private int _attackerRequests;

    private TestAuthority(WebApplication app)
    {
        _app = app;
        EcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        RsaKey = RSA.Create(2048);
        Publish(EcKey, EcKeyId, "ES256");
        Publish(RsaKey, RsaKeyId, "RS256");
    }

    public ECDsa EcKey { get; }

    public string EcKeyId { get; } = "es-" + Guid.NewGuid().ToString("N")[..8];

    public RSA RsaKey { get; }

    public string RsaKeyId { get; } = "rs-" + Guid.NewGuid().ToString("N")[..8];

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public int AttackerRequests => Volatile.Read(ref _attackerRequests);

    public static async Task<TestAuthority> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        var authority = new TestAuthority(app);
        var path = new Uri(Issuer).AbsolutePath;
        app.MapGet(path + "/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/connect/jwk_uri",
            ["token_endpoint"] = Issuer + "/access_token",
            ["id_token_signing_alg_values_supported"] = new[] { "ES256", "RS256" },
        }));
        app.MapGet(path + "/connect/jwk_uri", () =>
        {
            Interlocked.Increment(ref authority._jwksRequests);
            return Results.Content(authority.JwksJson(), "application/json");
        });
        app.MapGet("/attacker/jwks", () =>
        {
            Interlocked.Increment(ref authority._attackerRequests);
            return Results.Content("""{"keys":[]}""", "application/json");
        });
        await app.StartAsync();
        return authority;
    }

    /// <summary>The handler JwtBearer's back channel uses to reach this server.</summary>
    public HttpMessageHandler CreateHandler() => _app.GetTestServer().CreateHandler();

    /// <summary>Adds a key to the JWKS, as a key rotation would.</summary>
    public void Publish(AsymmetricAlgorithm key, string keyId, string algorithm)
    {
        var jwk = key switch
        {
            ECDsa ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ec)),
            RSA rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false))),
            _ => throw new ArgumentException("EC or RSA keys only.", nameof(key)),
        };
        var entry = new JsonObject { ["kty"] = jwk.Kty, ["kid"] = keyId, ["use"] = "sig", ["alg"] = algorithm };
        if (jwk.Kty == "EC")
        {
            entry["crv"] = jwk.Crv;
            entry["x"] = jwk.X;
            entry["y"] = jwk.Y;
        }
        else
        {
            entry["n"] = jwk.N;
            entry["e"] = jwk.E;
        }

        lock (_gate)
        {
            _published.Add(entry);
        }
    }

    /// <summary>A token signed with this authority's ES256 key, with the claims of a CIBA token for <c>end.user</c>.</summary>
    public JwtBuilder AccessToken(DateTimeOffset now) => JwtBuilder.UserToken(this, now);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        EcKey.Dispose();
        RsaKey.Dispose();
    }

    private string JwksJson()
    {
        lock (_gate)
        {
            return new JsonObject { ["keys"] = new JsonArray([.. _published.Select(k => k.DeepClone())]) }.ToJsonString();
        }
    }
}
