using Mandate.AI.Authorization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Store;
using ShoeStore.Agent.Terminal;
using ShoeStore.Agent.Tools;
using ShoeStore.Agent.Tools.Mcp;
using Spectre.Console;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Composes the shopping assistant.</summary>
internal static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the assistant: Mandate.Client (tutorial variables), tool authorization with the policy table from
    /// <c>Mandate:Tools</c> completed by <see cref="ShoeStoreToolPolicies"/>, the store client (tokens added by
    /// Mandate.AI's handler), the tools, the model (OpenAI-compatible or offline) and the chat front-ends. Services
    /// registered before (a model, a token source, a clock) win.
    /// </summary>
    public static IServiceCollection AddShoeStoreAgent(this IServiceCollection services, IConfiguration configuration, AgentOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.TryAddSingleton<QuoteBook>();
        services.TryAddSingleton<CatalogMemory>();
        services.TryAddSingleton<ApprovalTracker>();

        services.AddMandateClient(configuration);
        services.AddMandateClientTokenSource();
        services.AddToolAuthorization(configuration.GetSection(ToolAuthorizationOptions.SectionName));
        if (options.ApprovalsFile is { } approvalsFile)
        {
            services.AddApprovalStore(approvalsFile);
        }

        services.AddOptions<ToolAuthorizationOptions>().Configure<QuoteBook, CatalogMemory, ApprovalTracker, TimeProvider>((authorization, quotes, catalog, approvals, time) =>
        {
            authorization.LoginHint = options.LoginHint;
            authorization.Progress = approvals;
            ShoeStoreToolPolicies.Apply(authorization, quotes, catalog, time);
        });

        services.TryAddSingleton<StoreToolResults>();
        if (options.Tools == ToolSource.Mcp)
        {
            AddMcpTools(services, options);
        }
        else
        {
            AddLocalTools(services, options);
        }

        services.TryAddSingleton(_ => ChatClientFactory.CreateModel(options.LanguageModel));
        services.TryAddSingleton(sp => new ChatSession(
            ChatClientFactory.CreatePipeline(sp.GetRequiredService<IChatClient>(), sp),
            sp.GetRequiredService<IStoreTools>(),
            new ChatHistory(SystemPrompt.Text, options.HistoryLimit)));
        services.TryAddSingleton<ResumedApprovals>();
        services.TryAddSingleton<LineChat>();
        services.TryAddSingleton(AnsiConsole.Console);
        services.TryAddSingleton<InteractiveChat>();
        return services;
    }

    /// <summary>The local tools over the store's REST API; the store client sends each call's token (Mandate.AI's handler).</summary>
    private static void AddLocalTools(IServiceCollection services, AgentOptions options)
    {
        services.AddHttpClient<StoreApiClient>(http =>
        {
            http.BaseAddress = new Uri(options.StoreApiUrl.ToString().TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(30);
        }).AddToolAccessToken();
        services.TryAddSingleton<Func<StoreApiClient>>(sp => sp.GetRequiredService<StoreApiClient>);
        services.TryAddSingleton(sp => new ShoeStoreTools(
            sp.GetRequiredService<Func<StoreApiClient>>(), sp.GetRequiredService<QuoteBook>(), sp.GetRequiredService<CatalogMemory>()));
        services.TryAddSingleton<IStoreTools>(sp => sp.GetRequiredService<ShoeStoreTools>());
    }

    /// <summary>
    /// The store's MCP tools (<c>--tools mcp</c>): the MCP client's HTTP transport carries each call's token for the MCP
    /// resource, and the agent's own token for it on <c>initialize</c> and <c>tools/list</c> (Mandate.AI's handler); the
    /// access the tools publish joins their policies. <see cref="McpStoreTools.ConnectAsync"/> runs before the chat starts.
    /// </summary>
    private static void AddMcpTools(IServiceCollection services, AgentOptions options)
    {
        services.AddHttpClient(McpHttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30)).AddToolAccessToken(options.McpUrl.ToString(), [.. options.McpScopes]);
        services.TryAddSingleton(sp => new McpStoreTools(
            options.McpUrl,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(McpHttpClientName),
            sp.GetRequiredService<StoreToolResults>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<IStoreTools>(sp => sp.GetRequiredService<McpStoreTools>());
        services.AddOptions<ToolAuthorizationOptions>().Configure<McpStoreTools>((authorization, tools) => tools.ApplyPublishedAccess(authorization));
    }

    /// <summary>The name of the MCP client's <see cref="HttpClient"/>.</summary>
    public const string McpHttpClientName = "ShoeStore.Mcp";
}
