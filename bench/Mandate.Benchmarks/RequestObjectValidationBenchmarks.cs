using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mandate.Client.Authentication;
using Mandate.Client.Ciba;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Configuration;
using Mandate.Server.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Benchmarks;

/// <summary>
/// Mandate.Server's validation of one signed CIBA request object (CIBA §7.1.1, FAPI-CIBA §5.2.2), in process: ES256
/// signature check against the client's registered JWK Set, then the claim checks. The <c>jti</c> replay store is an
/// in-memory stand-in that accepts every id, so the figure is the CPU cost without the database round trip. The
/// baseline is the bare ES256 verification of the same signature (<c>ECDsa.VerifyData</c>): the floor of any validator.
/// </summary>
[MemoryDiagnoser]
public class RequestObjectValidationBenchmarks
{
    private const string Issuer = "https://op.bench/am/oauth2/realms/root/realms/alpha";
    private readonly RequestObjectValidator _validator = new(
        new JwtValidation(new MandateServerOptions { Issuer = new Uri(Issuer), ClockSkewSeconds = 30 }, TimeProvider.System, () => []));
    private readonly RequestObjectPolicy _policy = new(TimeSpan.FromMinutes(60));
    private RegisteredClient _client = null!;
    private string _requestObject = null!;
    private ECDsa _publicKey = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var privateJwk = BenchmarkKeys.EcP256();
        var jwk = JsonSerializer.Deserialize<Dictionary<string, string>>(privateJwk)!;
        jwk.Remove("d");
        _client = new RegisteredClient
        {
            ClientId = "ai-agent",
            DisplayName = "Shoe Store Assistant",
            AllowsCiba = true,
            AllowedScopes = new HashSet<string>(StringComparer.Ordinal) { "openid", "payment" },
            JsonWebKeySet = new JsonWebKeySet(JsonSerializer.Serialize(new { keys = new[] { jwk } })),
            Ciba = new CibaClientSettings { DeliveryMode = "poll", RequestSigningAlg = "ES256" },
        };
        _requestObject = new RequestObjectSigner(TimeProvider.System).Sign(
            new BackchannelAuthenticationRequest
            {
                LoginHint = "end.user",
                Scopes = ["openid", "payment"],
                BindingMessage = "Buy Nike Pegasus 41, size 10.5, for $140",
                AuthorizationDetails =
                [
                    System.Text.Json.Nodes.JsonNode.Parse(
                        """{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}"""),
                ],
            },
            new RequestObjectSettings("ai-agent", Issuer, TimeSpan.FromMinutes(5), "poll"),
            JwkSigningKey.Parse(privateJwk),
            null);
        var parts = _requestObject.Split('.');
        _signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        _signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        _publicKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk["x"]), Y = Base64UrlEncoder.DecodeBytes(jwk["y"]) },
        });
        if (!VerifySignatureOnly_ES256() || !await ValidateRequestObject_ES256())
        {
            throw new InvalidOperationException("the benchmark's request object does not validate");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _publicKey.Dispose();

    [Benchmark(Baseline = true)]
    public bool VerifySignatureOnly_ES256() => _publicKey.VerifyData(_signingInput, _signature, HashAlgorithmName.SHA256);

    [Benchmark]
    public async Task<bool> ValidateRequestObject_ES256() =>
        !(await _validator.ValidateAsync(_requestObject, _client, _policy)).Failed;
}
