using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Benchmarks;

/// <summary>The agent's Mandate.Client (<c>ai-agent</c>, a random secret) with its token endpoint answered in memory.</summary>
internal static class BenchmarkClient
{
    /// <summary>Services with logging and Mandate.Client, whose HTTP requests <paramref name="handler"/> answers.</summary>
    public static ServiceCollection Services(StaticTokenHandler handler)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMandateClient(o =>
        {
            o.ClientId = "ai-agent";
            o.ClientSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            o.TokenEndpoint = "https://op.bench/access_token";
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services;
    }
}
