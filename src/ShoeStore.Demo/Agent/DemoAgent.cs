using Mandate.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Terminal;
using ShoeStore.Demo.Hosting;
using ShoeStore.Demo.Terminal;

namespace ShoeStore.Demo.Agent;

/// <summary>
/// The shopping assistant (ShoeStore.Agent, unchanged) pointed at the demo's own servers: its settings are its usual
/// ones (its policy table, <c>OPENAI_*</c>, <c>Agent:…</c> from the environment and command line) with the OAuth
/// settings, the store and the device page fixed to this demo — so <c>PINGONE_*</c> variables of a real tenant in the
/// environment cannot send the demo's agent elsewhere.
/// </summary>
internal static class DemoAgent
{
    /// <summary>ShoeStore.Agent's <c>appsettings.json</c> (the tool policy table), copied beside the demo under this name.</summary>
    public const string AgentSettingsFile = "agentsettings.json";

    /// <summary>
    /// The agent's configuration for the running demo, lowest first: its policy table, the environment, the command
    /// line (as ShoeStore.Agent reads them), then <see cref="Settings"/>. <c>demo.env</c> is not read here: the demo
    /// passes its values itself, for the server it actually started. Purchases waiting for approval are kept in
    /// <c>agent-approvals.db</c> in <paramref name="dataDirectory"/> unless <c>Agent:ApprovalsFile</c> says otherwise;
    /// without a data directory, in memory.
    /// </summary>
    public static IConfigurationRoot BuildConfiguration(string[] args, DemoEndpoints endpoints, DemoCredentials credentials, string? dataDirectory = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Agent:ApprovalsFile"] = dataDirectory is null ? "none" : Path.Combine(dataDirectory, AgentOptions.DefaultApprovalsFileName),
            })
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, AgentSettingsFile), optional: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args, AgentOptions.SwitchMappings.ToDictionary(StringComparer.OrdinalIgnoreCase))
            .AddInMemoryCollection(Settings(endpoints, credentials))
            .Build();

    /// <summary>The settings that tie the agent to this demo, under the tutorial's names (docs/agent.md).</summary>
    public static Dictionary<string, string?> Settings(DemoEndpoints endpoints, DemoCredentials credentials) => new()
    {
        [PingOneEnvironment.TokenEndpoint] = endpoints.TokenEndpoint,
        [PingOneEnvironment.CibaEndpoint] = endpoints.BackchannelAuthenticationEndpoint,
        [PingOneEnvironment.CibaAudience] = endpoints.Issuer,
        [PingOneEnvironment.ClientId] = credentials.ClientId,
        [PingOneEnvironment.ClientSecret] = credentials.ClientSecret,
        [PingOneEnvironment.CibaIssuer] = credentials.ClientId,
        [PingOneEnvironment.CibaAcrValues] = credentials.AcrValues,
        [PingOneEnvironment.CibaJwk] = credentials.SigningJwk,
        ["STORE_API_URL"] = DemoEndpoints.Origin(endpoints.StoreUrl),
        ["STORE_MCP_URL"] = endpoints.McpResource,
        ["Agent:DeviceUrl"] = endpoints.DeviceUrl.ToString(),
        ["Agent:LoginHint"] = credentials.EndUser,
    };

    /// <summary>
    /// The agent's services, as ShoeStore.Agent composes them. <paramref name="before"/> registers first and wins
    /// (a model, a clock, HTTP handlers) — how tests put a recorder in front of the model.
    /// </summary>
    public static ServiceProvider CreateServices(IConfiguration configuration, AgentOptions options, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        before?.Invoke(services);
        return services.AddShoeStoreAgent(configuration, options).BuildServiceProvider();
    }

    /// <summary>
    /// Runs the chat as ShoeStore.Agent does: interactive on a terminal, one message a line otherwise. Returns the exit
    /// code (2 when the settings are not usable, with the reason on <paramref name="diagnostics"/>). On a terminal,
    /// Ctrl+C cancels a pending approval wait, and otherwise stops the demo (<paramref name="shutdown"/>).
    /// </summary>
    public static async Task<int> RunAsync(
        IConfiguration configuration, bool interactive, TextReader input, TextWriter output, TextWriter diagnostics, ShutdownSignal shutdown)
    {
        AgentOptions options;
        try
        {
            options = AgentOptions.Read(configuration);
        }
        catch (InvalidOperationException exception)
        {
            await diagnostics.WriteLineAsync(exception.Message);
            return 2;
        }

        await using var services = CreateServices(configuration, options);
        if (await AgentStartup.PrepareAsync(services, oauthHint: null, shutdown.Token) is { } problem)
        {
            await diagnostics.WriteLineAsync(problem);
            return 2;
        }

        var model = ChatClientFactory.Describe(options.LanguageModel);
        if (!interactive)
        {
            return await services.GetRequiredService<LineChat>().RunAsync(input, output, diagnostics, model, shutdown.Token);
        }

        // The chat registers its Ctrl+C handler (cancel a pending approval wait) before its first read; the demo's
        // own (stop the servers) goes behind it, so it only acts when the chat did not take the key press.
        var running = services.GetRequiredService<InteractiveChat>().RunAsync(new BackgroundLineReader(input), model);
        shutdown.ListenAfterOthers();
        return await running;
    }
}
