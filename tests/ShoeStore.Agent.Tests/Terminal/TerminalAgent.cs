using Mandate.AI.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Store;
using ShoeStore.Agent.Tests.Fakes;

namespace ShoeStore.Agent.Tests.Terminal;

/// <summary>
/// The agent's services as both terminal front ends (the interactive chat and the line chat) get them, on fakes: the
/// given model, a fake token source and a fake store API, with the app's own <c>appsettings.json</c>.
/// </summary>
internal static class TerminalAgent
{
    /// <summary>The agent's services; <paramref name="register"/> adds what a front end needs before the agent's own.</summary>
    public static ServiceCollection Services(IToolTokenSource tokens, IChatClient model, FakeStoreHandler store, Action<IServiceCollection>? register = null)
    {
        var configuration = Configuration();
        var services = new ServiceCollection();
        services.AddSingleton(tokens).AddSingleton(model);
        register?.Invoke(services);
        services.AddShoeStoreAgent(configuration, AgentOptions.Read(configuration));
        services.AddHttpClient<StoreApiClient>().ConfigurePrimaryHttpMessageHandler(() => store).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }

    /// <summary>The app's <c>appsettings.json</c> with a fake store address and token endpoint, and logging off.</summary>
    public static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["STORE_API_URL"] = "http://store.test",
            ["PINGONE_TOKEN_ENDPOINT"] = "http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha/access_token",
            ["PINGONE_CLIENT_ID"] = "ai-agent",
            ["Logging:LogLevel:Default"] = "None",
            ["Agent:ApprovalsFile"] = "none",
        })
        .Build();
}
