using BenchmarkDotNet.Attributes;
using Mandate.Client.ClientCredentials;
using Mandate.Client.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Benchmarks;

/// <summary>
/// A cached Client Credentials token lookup: the path every tool call of the agent takes. It must make no HTTP request
/// and allocate (almost) nothing.
/// </summary>
[MemoryDiagnoser]
public class ClientCredentialsCacheBenchmarks
{
    private readonly StaticTokenHandler _handler = new();
    private ServiceProvider _services = null!;
    private ClientCredentialsClient _client = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = BenchmarkClient.Services(_handler).BuildServiceProvider();
        _client = _services.GetRequiredService<ClientCredentialsClient>();
        await _client.GetTokenAsync("address prices");
        await _client.GetTokenAsync("prices");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        if (_handler.Requests != 2)
        {
            throw new InvalidOperationException($"expected 2 HTTP requests (the priming ones), saw {_handler.Requests}");
        }
    }

    /// <summary>Scope already in canonical form: the lookup allocates nothing.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<TokenResponse> CachedToken_CanonicalScope() => _client.GetTokenAsync("prices");

    /// <summary>Scopes out of order: one normalisation (split, sort, join) per call.</summary>
    [Benchmark]
    public ValueTask<TokenResponse> CachedToken_UnsortedScopes() => _client.GetTokenAsync("prices address");
}
