using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Offline;
using ShoeStore.Demo.Agent;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// The shopping assistant as the demo composes it (<see cref="DemoAgent"/>), with the offline planner as the model
/// behind a <see cref="RecordingChatClient"/>, and a <see cref="SecretRecorder"/> on its HTTP clients.
/// </summary>
internal sealed class TestAgent : IAsyncDisposable
{
    private TestAgent(ServiceProvider services, RecordingChatClient model, SecretRecorder secrets)
    {
        Services = services;
        Model = model;
        Secrets = secrets;
        Session = services.GetRequiredService<ChatSession>();
    }

    public ServiceProvider Services { get; }

    public ChatSession Session { get; }

    public RecordingChatClient Model { get; }

    public SecretRecorder Secrets { get; }

    public static TestAgent Create(IConfiguration demoConfiguration, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(demoConfiguration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Whatever the machine's environment says: the offline planner.
                ["OPENAI_API_KEY"] = "",
                ["OPENAI_BASE_URL"] = "",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var options = AgentOptions.Read(configuration);
        var model = new RecordingChatClient(new OfflinePlanner());
        var secrets = new SecretRecorder();
        var services = DemoAgent.CreateServices(configuration, options, before: s =>
        {
            s.AddSingleton<IChatClient>(model);
            s.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(secrets.CreateHandler));
        });
        return new TestAgent(services, model, secrets);
    }

    /// <summary>Sends one message; the reply, or a failure after <see cref="TestDevice.TurnLimit"/>.</summary>
    public async Task<string> SendAsync(string message)
    {
        using var limit = new CancellationTokenSource(TestDevice.TurnLimit);
        return await Session.SendAsync(message, limit.Token);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
