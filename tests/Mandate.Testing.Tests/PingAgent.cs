using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Mandate.Client.Ciba;
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
/// An agent in ping mode (CIBA Core §10.2): Mandate.Client's CIBA client in an ASP.NET Core host that maps its
/// notification endpoint with <c>MapCibaNotifications</c> (Mandate.Client.AspNetCore), in process (TestServer) or on
/// Kestrel at 127.0.0.1. It counts the pings its receiver accepted (204).
/// </summary>
internal sealed class PingAgent : IAsyncDisposable, IProgress<CibaProgress>
{
    /// <summary>The agent's notification route: the path of the server's default in-process endpoint.</summary>
    public const string NotifyPath = "/ciba/notify";

    /// <summary>The longest a test waits, in real time, for a ping and what follows it.</summary>
    public static readonly TimeSpan PatienceForAPing = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private int _pingsAccepted;
    private int _pingsRefused;

    private PingAgent(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
        Ciba = app.Services.GetRequiredService<ICibaClient>();
    }

    public FakeTimeProvider Time { get; }

    public ICibaClient Ciba { get; }

    /// <summary>Pings the agent's endpoint answered 204.</summary>
    public int PingsAccepted => Volatile.Read(ref _pingsAccepted);

    /// <summary>Requests to the agent's endpoint answered anything else.</summary>
    public int PingsRefused => Volatile.Read(ref _pingsRefused);

    /// <summary>What the CIBA calls reported, in order.</summary>
    public ConcurrentQueue<CibaProgressKind> Progress { get; } = new();

    /// <summary>A free TCP port on 127.0.0.1 for an agent on Kestrel.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the agent, in process, or on Kestrel at 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<PingAgent> StartAsync(VirtualAuthorizationServer server, FakeTimeProvider time, int? port = null)
    {
        var settings = new Dictionary<string, string?>(server.ClientSettings)
        {
            // The test moves the fake clock; a request's time-out must not depend on it.
            ["Mandate:Client:HttpTimeout"] = Timeout.InfiniteTimeSpan.ToString(),
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        if (port is { } tcpPort)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, tcpPort));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        // Only the virtual server's settings: nothing from the machine's environment (PINGONE_*).
        builder.Services.AddMandateClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
        var app = builder.Build();
        PingAgent? agent = null;
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Request.Path == NotifyPath)
            {
                if (context.Response.StatusCode == StatusCodes.Status204NoContent)
                {
                    Interlocked.Increment(ref agent!._pingsAccepted);
                }
                else
                {
                    Interlocked.Increment(ref agent!._pingsRefused);
                }
            }
        });
        app.MapCibaNotifications(NotifyPath);
        agent = new PingAgent(app, time);
        await app.StartAsync();
        return agent;
    }

    /// <summary>A handler that reaches the in-process agent: the virtual server's <c>NotificationHandler</c>.</summary>
    public HttpMessageHandler CreateHandler() => _app.GetTestServer().CreateHandler();

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
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
