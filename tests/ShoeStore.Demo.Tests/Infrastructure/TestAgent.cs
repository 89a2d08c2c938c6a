using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Offline;
using ShoeStore.Demo.Agent;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// The shopping assistant as the demo composes it (<see cref="DemoAgent"/>), with a <see cref="SecretRecorder"/> on its
/// HTTP clients, and as its model either the offline planner behind a <see cref="RecordingChatClient"/>, or — with
/// <c>OPENAI_*</c> settings — the agent's own OpenAI-compatible client, untouched.
/// </summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private readonly RecordingChatClient? _model;

    private TestAgent(ServiceProvider services, RecordingChatClient? model, SecretRecorder secrets)
    {
        Services = services;
        _model = model;
        Secrets = secrets;
        Session = services.GetRequiredService<ChatSession>();
    }

    public ServiceProvider Services { get; }

    public ChatSession Session { get; }

    /// <summary>The recorder in front of the offline planner (not there when the agent talks to a language model).</summary>
    public RecordingChatClient Model => _model ?? throw new InvalidOperationException("This agent talks to a language model, not the offline planner.");

    public SecretRecorder Secrets { get; }

    /// <summary>The agent with the offline planner, whatever the machine's environment says.</summary>
    public static TestAgent Create(IConfiguration demoConfiguration, IDictionary<string, string?>? settings = null) =>
        Create(demoConfiguration, settings, OfflineModel);

    /// <summary>
    /// The agent with the language model at <paramref name="baseUrl"/> (<c>OPENAI_BASE_URL</c>, <c>OPENAI_API_KEY</c>,
    /// <c>OPENAI_MODEL</c>): the model client is the one the agent builds itself (Microsoft.Extensions.AI.OpenAI).
    /// </summary>
    public static TestAgent CreateWithLanguageModel(IConfiguration demoConfiguration, Uri baseUrl, string apiKey, string model) =>
        Create(demoConfiguration, settings: null, new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = apiKey,
            ["OPENAI_BASE_URL"] = baseUrl.ToString(),
            ["OPENAI_MODEL"] = model,
        });

    /// <summary>
    /// The agent with the offline planner and the store's MCP tools (<c>--tools mcp</c>), connected: it has listed the
    /// tools at the demo's <c>/mcp</c> as the demo's start-up does.
    /// </summary>
    public static async Task<TestAgent> CreateWithMcpToolsAsync(IConfiguration demoConfiguration)
    {
        var (services, model, secrets) = Compose(demoConfiguration, new Dictionary<string, string?> { [AgentOptions.ToolsKey] = "mcp" }, OfflineModel);
        try
        {
            await AgentStartup.ConnectToolsAsync(services, CancellationToken.None);
            return new TestAgent(services, model, secrets);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one message; the reply, or a failure after <see cref="TestDevice.TurnLimit"/>.</summary>
    public async Task<string> SendAsync(string message)
    {
        using var limit = new CancellationTokenSource(TestDevice.TurnLimit);
        return await Session.SendAsync(message, limit.Token);
    }

    /// <summary>The latest result of <paramref name="tool"/> in the conversation's history.</summary>
    public JsonElement LastResult(string tool)
    {
        var messages = Session.History.Messages;
        var callIds = messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => c.Name == tool).Select(c => c.CallId).ToHashSet();
        var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Last(r => callIds.Contains(r.CallId));
        return result.Result is JsonElement json ? json : JsonSerializer.SerializeToElement(result.Result, AIJsonUtilities.DefaultOptions);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    private static Dictionary<string, string?> OfflineModel => new() { ["OPENAI_API_KEY"] = "", ["OPENAI_BASE_URL"] = "" };

    private static TestAgent Create(IConfiguration demoConfiguration, IDictionary<string, string?>? settings, Dictionary<string, string?> languageModel)
    {
        var (services, model, secrets) = Compose(demoConfiguration, settings, languageModel);
        return new TestAgent(services, model, secrets);
    }

    private static (ServiceProvider Services, RecordingChatClient? Model, SecretRecorder Secrets) Compose(
        IConfiguration demoConfiguration, IDictionary<string, string?>? settings, Dictionary<string, string?> languageModel)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(demoConfiguration)
            .AddInMemoryCollection(languageModel)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var options = AgentOptions.Read(configuration);
        var model = options.LanguageModel is null ? new RecordingChatClient(new OfflinePlanner()) : null;
        var secrets = new SecretRecorder();
        var services = DemoAgent.CreateServices(configuration, options, before: s =>
        {
            if (model is not null)
            {
                s.AddSingleton<IChatClient>(model);
            }

            s.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(secrets.CreateHandler));
        });
        return (services, model, secrets);
    }
}
