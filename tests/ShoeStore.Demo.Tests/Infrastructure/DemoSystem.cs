using Microsoft.Extensions.Configuration;
using ShoeStore.Demo.Agent;
using ShoeStore.Demo.Configuration;
using ShoeStore.Demo.Hosting;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// The demo's two servers started the way <c>dotnet run --project src/ShoeStore.Demo</c> starts them
/// (<see cref="DemoServers"/>), on 127.0.0.1 free ports, with a temporary data directory.
/// </summary>
internal sealed class DemoSystem : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private DemoSystem(DemoServers servers, DemoCredentials credentials, bool ownsDirectory)
    {
        Servers = servers;
        Credentials = credentials;
        _ownsDirectory = ownsDirectory;
    }

    public DemoServers Servers { get; }

    public DemoEndpoints Endpoints => Servers.Endpoints;

    public DemoCredentials Credentials { get; }

    /// <summary>
    /// Starts the servers. Without <paramref name="credentials"/> they come from the <c>demo.env</c> the server's demo
    /// seed writes; with them, a seed file in <paramref name="settings"/> is expected to hold the same identities.
    /// The data directory is deleted on dispose when it was created here or <paramref name="deleteDirectory"/> says so.
    /// </summary>
    public static async Task<DemoSystem> StartAsync(
        string? dataDirectory = null, IDictionary<string, string?>? settings = null, DemoCredentials? credentials = null, bool? deleteDirectory = null)
    {
        var owns = deleteDirectory ?? dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("mandate-demo-").FullName;
        var values = new Dictionary<string, string?>
        {
            [DemoSettings.ServerUrlsKey] = "http://127.0.0.1:0",
            [DemoSettings.StoreUrlsKey] = "http://127.0.0.1:0",
            [DemoSettings.DataDirectoryKey] = dataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var demoSettings = DemoSettings.Read(configuration, dataDirectory);
        var servers = await DemoServers.StartAsync(demoSettings, configuration, CancellationToken.None);
        try
        {
            return new DemoSystem(servers, credentials ?? DemoCredentials.Read(servers.DemoEnvPath, servers.DataDirectory), owns);
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>The agent as the demo runs it, against these servers.</summary>
    public TestAgent CreateAgent(IDictionary<string, string?>? settings = null) =>
        KnowingTheSecrets(TestAgent.Create(DemoAgent.BuildConfiguration([], Endpoints, Credentials), settings));

    /// <summary>The agent as the demo runs it with <c>--tools mcp</c>, against these servers' <c>/mcp</c>.</summary>
    public async Task<TestAgent> CreateMcpAgentAsync() =>
        KnowingTheSecrets(await TestAgent.CreateWithMcpToolsAsync(DemoAgent.BuildConfiguration([], Endpoints, Credentials)));

    /// <summary>The agent as the demo runs it, against these servers, with the language model at <paramref name="baseUrl"/>.</summary>
    public TestAgent CreateAgentWithLanguageModel(Uri baseUrl, string apiKey, string model) =>
        KnowingTheSecrets(TestAgent.CreateWithLanguageModel(DemoAgent.BuildConfiguration([], Endpoints, Credentials), baseUrl, apiKey, model));

    /// <summary>The demo user's device, signed in.</summary>
    public Task<TestDevice> SignInDeviceAsync() =>
        TestDevice.SignInAsync(Endpoints.ServerUrl, Credentials.EndUser, Credentials.EndUserPassword);

    public async ValueTask DisposeAsync()
    {
        await Servers.DisposeAsync();
        if (_ownsDirectory)
        {
            Directory.Delete(Servers.DataDirectory, recursive: true);
        }
    }

    /// <summary>Adds the secrets known in advance — client secret, the demo user's password, the signing key — to its recorder.</summary>
    private TestAgent KnowingTheSecrets(TestAgent agent)
    {
        agent.Secrets.Add(Credentials.ClientSecret);
        agent.Secrets.Add(Credentials.EndUserPassword);
        agent.Secrets.Add(System.Text.Json.JsonDocument.Parse(Credentials.SigningJwk).RootElement.GetProperty("d").GetString()!);
        return agent;
    }
}
