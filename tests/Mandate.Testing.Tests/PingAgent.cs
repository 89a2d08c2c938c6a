using System.Collections.Concurrent;
using Mandate.Client.Ciba;
using Mandate.Client.Ciba.Ping;
using Mandate.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Testing.Tests;

/// <summary>
/// An agent in ping mode (CIBA Core §10.2): Mandate.Client's CIBA client and its notification endpoint, mapped with
/// <c>MapCibaNotifications</c> (Mandate.Client.AspNetCore) in an ASP.NET Core host, in process (TestServer) or on
/// Kestrel at 127.0.0.1 (<see cref="LoopbackHost"/>). It counts the pings its endpoint accepted (204).
/// </summary>
internal sealed class PingAgent : IAsyncDisposable, IProgress<CibaProgress>
{
    /// <summary>The agent's notification route: the path of the server's default in-process endpoint.</summary>
    public const string NotifyPath = "/ciba/notify";

    /// <summary>The longest a test waits, in real time, for a ping and what follows it.</summary>
    public static readonly TimeSpan PatienceForAPing = TimeSpan.FromSeconds(30);

    private readonly WebApplication _host;
    private readonly ServiceProvider? _client;
    private readonly Counter _pings;

    private PingAgent(WebApplication host, ServiceProvider? client, Counter pings, FakeTimeProvider time)
    {
        _host = host;
        _client = client;
        _pings = pings;
        Time = time;
        Ciba = (client ?? host.Services).GetRequiredService<ICibaClient>();
    }

    public FakeTimeProvider Time { get; }

    public ICibaClient Ciba { get; }

    /// <summary>Pings the agent's endpoint answered 204.</summary>
    public int PingsAccepted => Volatile.Read(ref _pings.Accepted);

    /// <summary>Requests to the agent's endpoint answered anything else.</summary>
    public int PingsRefused => Volatile.Read(ref _pings.Refused);

    /// <summary>What the CIBA calls reported, in order.</summary>
    public ConcurrentQueue<CibaProgressKind> Progress { get; } = new();

    /// <summary>
    /// Starts the agent in process (TestServer): the client and its endpoint in one host. Give the virtual server
    /// <see cref="CreateHandler"/> as its <c>NotificationHandler</c>.
    /// </summary>
    public static async Task<PingAgent> StartAsync(VirtualAuthorizationServer server, FakeTimeProvider time)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        AddClient(builder.Services, server, time);
        var pings = new Counter();
        var app = Build(builder, pings);
        await app.StartAsync();
        return new PingAgent(app, null, pings, time);
    }

    /// <summary>
    /// Starts the agent's endpoint on Kestrel at 127.0.0.1 first, then the virtual server with that endpoint registered
    /// (<paramref name="options"/>' <c>NotificationEndpoint</c>), then the agent's client, which shares the endpoint's
    /// <see cref="CibaNotificationReceiver"/>: the server's own socket handler posts the pings.
    /// </summary>
    public static async Task<(VirtualAuthorizationServer Server, PingAgent Agent)> StartOnLoopbackAsync(
        VirtualAuthorizationServerOptions options, FakeTimeProvider time)
    {
        var receiver = new CibaNotificationReceiver();
        var builder = LoopbackHost.CreateBuilder();
        builder.Services.AddSingleton(receiver);
        var pings = new Counter();
        var host = Build(builder, pings);
        var address = await LoopbackHost.StartAsync(host);
        options.NotificationEndpoint = new Uri(address + NotifyPath);
        var server = await VirtualAuthorizationServer.StartAsync(options);

        var services = new ServiceCollection();
        services.AddSingleton(receiver);   // before AddMandateClient, which keeps it
        services.AddLogging();
        AddClient(services, server, time);
        return (server, new PingAgent(host, services.BuildServiceProvider(), pings, time));
    }

    /// <summary>A handler that reaches the in-process agent: the virtual server's <c>NotificationHandler</c>.</summary>
    public HttpMessageHandler CreateHandler() => _host.GetTestServer().CreateHandler();

    /// <summary>Starts a CIBA call; the test decides whether and when the clock moves.</summary>
    public Task<Mandate.Client.Tokens.TokenResponse> Start(BackchannelAuthenticationRequest request) =>
        Ciba.AuthenticateAsync(request, this, CancellationToken.None);

    /// <summary>Asks the person and waits for the answer with the clock standing still: only a ping can end the wait.</summary>
    public Task<Mandate.Client.Tokens.TokenResponse> AskWithTheClockStillAsync(BackchannelAuthenticationRequest request) =>
        Start(request).WaitAsync(PatienceForAPing);

    /// <summary>Waits (bounded, real time) until the agent reported <paramref name="kind"/>.</summary>
    public async Task WaitForProgressAsync(CibaProgressKind kind)
    {
        using var patience = new CancellationTokenSource(PatienceForAPing);
        while (!Progress.Contains(kind))
        {
            await Task.Delay(5, patience.Token);
        }
    }

    public void Report(CibaProgress value) => Progress.Enqueue(value.Kind);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await _host.StopAsync();
        await _host.DisposeAsync();
    }

    private static void AddClient(IServiceCollection services, VirtualAuthorizationServer server, FakeTimeProvider time)
    {
        var settings = new Dictionary<string, string?>(server.ClientSettings)
        {
            // The test moves the fake clock; a request's time-out must not depend on it.
            ["Mandate:Client:HttpTimeout"] = Timeout.InfiniteTimeSpan.ToString(),
        };
        services.AddSingleton<TimeProvider>(time);
        // Only the virtual server's settings: nothing from the machine's environment (PINGONE_*).
        services.AddMandateClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
    }

    /// <summary>Builds the host with the notification endpoint and a count of what it answered.</summary>
    private static WebApplication Build(WebApplicationBuilder builder, Counter pings)
    {
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Request.Path == NotifyPath)
            {
                if (context.Response.StatusCode == StatusCodes.Status204NoContent)
                {
                    Interlocked.Increment(ref pings.Accepted);
                }
                else
                {
                    Interlocked.Increment(ref pings.Refused);
                }
            }
        });
        app.MapCibaNotifications(NotifyPath);
        return app;
    }

    private sealed class Counter
    {
        public int Accepted;
        public int Refused;
    }
}
