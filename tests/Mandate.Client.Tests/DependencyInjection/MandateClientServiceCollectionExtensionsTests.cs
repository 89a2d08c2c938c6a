using Mandate.Client.Ciba;
using Mandate.Client.Ciba.Ping;
using Mandate.Client.ClientCredentials;
using Mandate.Client.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Client.Tests.DependencyInjection;

public sealed class MandateClientServiceCollectionExtensionsTests
{
    private static void Configure(Mandate.Client.Configuration.MandateClientOptions o)
    {
        o.ClientId = "ai-agent";
        o.ClientSecret = "x";
        o.TokenEndpoint = "https://op.test/token";
    }

    [Fact]
    public void AddMandateClient_Twice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        services.AddMandateClient(Configure);
        services.AddMandateClient(Configure);

        Assert.Equal(1, services.Count(d => d.ServiceType == typeof(IClientCredentialsClient)));
        Assert.Equal(1, services.Count(d => d.ServiceType == typeof(ICibaClient)));
        Assert.Equal(1, services.Count(d => d.ServiceType == typeof(CibaNotificationReceiver)));
        Assert.Equal(1, services.Count(d => d.ServiceType == typeof(Microsoft.Extensions.Options.IValidateOptions<Mandate.Client.Configuration.MandateClientOptions>)));
    }

    [Fact]
    public async Task AddMandateClient_ResolvesTheClientsAndOneSharedReceiver()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMandateClient(Configure);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.IsType<ClientCredentialsClient>(provider.GetRequiredService<IClientCredentialsClient>());
        Assert.IsType<CibaClient>(provider.GetRequiredService<ICibaClient>());
        Assert.Same(provider.GetRequiredService<CibaNotificationReceiver>(), provider.GetRequiredService<CibaNotificationReceiver>());
    }

    [Fact]
    public async Task AddMandateClient_KeepsATimeProviderRegisteredBefore()
    {
        var services = new ServiceCollection();
        var time = new FakeTimeProvider();
        services.AddSingleton<TimeProvider>(time);
        services.AddMandateClient(Configure);
        await using var provider = services.BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task ClientsResolvedSeparately_ShareOneTokenCache()
    {
        await using var harness = new ClientHarness();
        harness.Server.On(ClientHarness.TokenPath, _ => FakeOAuthServer.Token("at-1"));

        await harness.Services.GetRequiredService<IClientCredentialsClient>().GetTokenAsync("prices");
        await harness.Services.GetRequiredService<IClientCredentialsClient>().GetTokenAsync("prices");

        Assert.Single(harness.Server.Requests);
    }
}
