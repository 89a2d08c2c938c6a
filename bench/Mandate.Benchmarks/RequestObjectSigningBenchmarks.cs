using BenchmarkDotNet.Attributes;
using Mandate.Client.Authentication;
using Mandate.Client.Ciba;

namespace Mandate.Benchmarks;

/// <summary>Building and signing one CIBA request object (CIBA Core §7.1.1) with the key types the client supports.</summary>
[MemoryDiagnoser]
public class RequestObjectSigningBenchmarks
{
    private readonly RequestObjectSigner _signer = new(TimeProvider.System);
    private readonly RequestObjectSettings _settings = new("ai-agent", "https://op.bench/am/oauth2/realms/root/realms/alpha", TimeSpan.FromMinutes(5), "push");
    private readonly BackchannelAuthenticationRequest _request = new()
    {
        LoginHint = "end.user",
        Scopes = ["payment"],
        BindingMessage = "Buy Nike Pegasus 41, size 10.5, for $140",
        AuthorizationDetails =
        [
            System.Text.Json.Nodes.JsonNode.Parse(
                """{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}"""),
        ],
    };

    private JwkSigningKey _ec = null!;
    private JwkSigningKey _rsa = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ec = JwkSigningKey.Parse(BenchmarkKeys.EcP256());
        _rsa = JwkSigningKey.Parse(BenchmarkKeys.Rsa2048());
    }

    [Benchmark(Baseline = true)]
    public string SignRequestObject_ES256() => _signer.Sign(_request, _settings, _ec, null);

    [Benchmark]
    public string SignRequestObject_PS256() => _signer.Sign(_request, _settings, _rsa, null);
}
