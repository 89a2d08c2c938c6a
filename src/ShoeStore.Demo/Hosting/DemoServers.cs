using Mandate.Server.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using ShoeStore.Demo.Configuration;

namespace ShoeStore.Demo.Hosting;

/// <summary>
/// Mandate.Server and ShoeStore.Api, each a <see cref="WebApplication"/> in this process on its own port, wired the
/// way two separate deployments would be: the store trusts the server only through its issuer (discovery and JWKS
/// over HTTP). Started in order, checked over HTTP, stopped together.
/// </summary>
internal sealed class DemoServers : IAsyncDisposable
{
    /// <summary>How long stopping may take before the servers are abandoned.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How many times a start on "any free port" (port 0) is tried when a port found free is taken before it is
    /// bound (another process on the machine can take it in between).</summary>
    public const int PortAttempts = 3;

    private const string ServerUrlsOption = "--server-urls";
    private const string StoreUrlsOption = "--store-urls";

    private readonly WebApplication _server;
    private readonly WebApplication _store;
    private int _disposed;

    private DemoServers(WebApplication server, WebApplication store, DemoEndpoints endpoints, string dataDirectory, bool firstStart)
    {
        _server = server;
        _store = store;
        Endpoints = endpoints;
        DataDirectory = dataDirectory;
        FirstStart = firstStart;
    }

    /// <summary>The store's MCP resource setting; when not given, the demo uses <c>/mcp</c> at the store's actual origin.</summary>
    public const string McpResourceKey = "ShoeStore:McpResource";

    public DemoEndpoints Endpoints { get; }

    /// <summary>The store's services (its data layer included), for tests that arrange the catalog.</summary>
    internal IServiceProvider StoreServices => _store.Services;

    /// <summary>Absolute path of the data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The demo's secrets (written by the server on its first start, mode 0600).</summary>
    public string DemoEnvPath => Path.Combine(DataDirectory, DemoEnvWriter.FileName);

    /// <summary>True when this start created the identities and secrets (no <c>demo.env</c> before).</summary>
    public bool FirstStart { get; }

    /// <summary>
    /// Starts the server, then the store, and waits until both answer over HTTP. <paramref name="configuration"/> is the
    /// demo's (environment and command line): <c>Mandate:…</c> reaches the server, <c>ShoeStore:…</c> the store.
    /// </summary>
    public static Task<DemoServers> StartAsync(DemoSettings settings, IConfiguration configuration, CancellationToken cancellationToken) =>
        StartAsync(settings, configuration, FreePort.For, cancellationToken);

    /// <summary>As <see cref="StartAsync(DemoSettings, IConfiguration, CancellationToken)"/>, with the choice of a free
    /// port for a URL with port 0 given (tests: a port taken between its choice and its bind).</summary>
    internal static async Task<DemoServers> StartAsync(
        DemoSettings settings, IConfiguration configuration, Func<Uri, Uri> freePort, CancellationToken cancellationToken)
    {
        var firstStart = !File.Exists(Path.Combine(settings.DataDirectory, DemoEnvWriter.FileName));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(settings, configuration, freePort, firstStart, cancellationToken);
            }
            catch (DemoStartException e) when (attempt < PortAttempts && e.TakenPortOption is { } option
                && (option == ServerUrlsOption ? settings.ServerUrl : settings.StoreUrl).Port == 0)
            {
                // A port found free (port 0 in the URL) was taken by another process before it was bound: new ports.
            }
        }
    }

    private static async Task<DemoServers> StartOnceAsync(
        DemoSettings settings, IConfiguration configuration, Func<Uri, Uri> freePort, bool firstStart, CancellationToken cancellationToken)
    {
        var serverUrl = freePort(settings.ServerUrl);
        var issuer = configuration["Mandate:Issuer"] is { Length: > 0 } configured
            ? configured.Trim().TrimEnd('/')
            : DemoEndpoints.DefaultIssuer(serverUrl);
        var storeUrl = freePort(settings.StoreUrl);
        var mcpResource = configuration[McpResourceKey] is { Length: > 0 } configuredResource
            ? configuredResource.Trim()
            : DemoEndpoints.Origin(storeUrl) + "/mcp";

        var server = BuildServer(settings, configuration, serverUrl, issuer, mcpResource);
        await StartAsync(server, "authorization server", serverUrl, ServerUrlsOption, async app =>
        {
            await app.InitializeMandateServerAsync(cancellationToken);
            app.MapMandateServer();
        }, cancellationToken);

        WebApplication store;
        try
        {
            store = BuildStore(settings, configuration, issuer, storeUrl, mcpResource);
            await StartAsync(store, "store API", storeUrl, StoreUrlsOption, app =>
            {
                app.UseShoeStoreApi();
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch
        {
            await StopAsync(server);
            throw;
        }

        var listening = new Uri(store.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var endpoints = new DemoEndpoints(serverUrl, issuer, listening) { McpResource = mcpResource };
        var servers = new DemoServers(server, store, endpoints, settings.DataDirectory, firstStart);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await ReadinessProbe.WaitAsync(http, servers.Endpoints.DiscoveryUrl, "authorization server", cancellationToken);
            await ReadinessProbe.WaitAsync(http, new Uri(listening, "/products?query=running"), "store API", cancellationToken);
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }

        return servers;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(_store);
        await StopAsync(_server);
        SqliteConnection.ClearAllPools();
    }

    private static WebApplication BuildServer(DemoSettings settings, IConfiguration configuration, Uri serverUrl, string issuer, string mcpResource)
    {
        var builder = CreateBuilder(settings, configuration,
            defaults: new Dictionary<string, string?>
            {
                // Quick approvals in the demo: the agent polls every second.
                ["Mandate:CibaIntervalSeconds"] = "1",
                // The demo identities and demo.env on the first start, as `dotnet run --project src/Mandate.Server` does.
                ["Mandate:SeedDemo"] = "true",
            },
            fixedValues: new Dictionary<string, string?>
            {
                ["Mandate:Issuer"] = issuer,
                ["Mandate:DataDirectory"] = settings.DataDirectory,
                ["Mandate:ConnectionString"] = configuration.GetConnectionString("Mandate") ?? configuration["Mandate:ConnectionString"],
                [DemoStoreResourceContributor.McpResourceKey] = mcpResource,
            });
        builder.WebHost.UseUrls(DemoEndpoints.Origin(serverUrl));
        builder.Services.AddMandateServer();
        builder.Services.AddShoeStoreDemo();
        builder.Services.AddMandateSeed<DemoStoreResourceContributor>();
        return builder.Build();
    }

    private static WebApplication BuildStore(DemoSettings settings, IConfiguration configuration, string issuer, Uri storeUrl, string mcpResource)
    {
        var builder = CreateBuilder(settings, configuration,
            defaults: new Dictionary<string, string?>
            {
                // The store's database lives with the rest of the demo's state: deleting the folder starts over.
                ["ShoeStore:DataDirectory"] = Path.Combine(settings.DataDirectory, "store"),
            },
            fixedValues: new Dictionary<string, string?>
            {
                ["ShoeStore:Authority"] = issuer,
                [McpResourceKey] = mcpResource,
            });
        builder.WebHost.UseUrls(DemoEndpoints.Origin(storeUrl));
        builder.Services.AddShoeStoreApi(builder.Configuration);
        return builder.Build();
    }

    /// <summary>
    /// A web application whose settings are, lowest first: quiet logging and <paramref name="defaults"/>, the demo's
    /// configuration (environment, command line), then <paramref name="fixedValues"/> that hold the two servers together.
    /// </summary>
    private static WebApplicationBuilder CreateBuilder(
        DemoSettings settings, IConfiguration configuration, Dictionary<string, string?> defaults, Dictionary<string, string?> fixedValues)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Settings files are read once: watching them watches the working directory, where the databases change
            // on every write (docs/deploy.md).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = settings.WorkingDirectory,
            EnvironmentName = Environments.Production,
        });
        defaults["Logging:LogLevel:Default"] = "Warning";
        defaults["Logging:LogLevel:OpenIddict"] = "Warning";

        // "No XML encryptor configured": ASP.NET Core's key ring under the user's profile, as for any local app.
        defaults["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error";
        builder.Configuration
            .AddInMemoryCollection(defaults)
            .AddConfiguration(configuration)
            .AddInMemoryCollection(fixedValues.Where(p => p.Value is not null));

        // Diagnostics go to standard error, so that standard output stays the chat's.
        builder.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = StopTimeout);
        return builder;
    }

    private static async Task StartAsync(
        WebApplication app, string what, Uri url, string option, Func<WebApplication, Task> prepare, CancellationToken cancellationToken)
    {
        try
        {
            await prepare(app);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await StopAsync(app);
            throw IsAddressInUse(exception)
                ? DemoStartException.PortInUse(what, url, option, exception)
                : new DemoStartException($"The {what} did not start: {exception.Message}", exception);
        }
        catch
        {
            await StopAsync(app);
            throw;
        }
    }

    private static bool IsAddressInUse(Exception exception) =>
        exception is AddressInUseException || exception.InnerException is AddressInUseException;

    private static async Task StopAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Abandoned after StopTimeout; disposing still releases the ports.
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        await app.DisposeAsync();
    }
}
