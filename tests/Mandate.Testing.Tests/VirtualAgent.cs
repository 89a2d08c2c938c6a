using System.Collections.Concurrent;
using Mandate.Client.Ciba;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Testing.Tests;

/// <summary>
/// The agent under test: Mandate.Client's CIBA client wired to a <see cref="VirtualAuthorizationServer"/> on the same
/// fake clock, and a driver that moves that clock while the agent waits.
/// </summary>
internal sealed class VirtualAgent : IAsyncDisposable, IProgress<CibaProgress>
{
    private readonly ServiceProvider _services;

    private readonly InFlight _inFlight;

    private VirtualAgent(ServiceProvider services, FakeTimeProvider time, InFlight inFlight)
    {
        _services = services;
        _inFlight = inFlight;
        Time = time;
        Ciba = services.GetRequiredService<ICibaClient>();
    }

    public FakeTimeProvider Time { get; }

    public ICibaClient Ciba { get; }

    /// <summary>What the CIBA call reported, in order.</summary>
    public ConcurrentQueue<CibaProgressKind> Progress { get; } = new();

    public static VirtualAgent Create(VirtualAuthorizationServer server, FakeTimeProvider time)
    {
        var settings = new Dictionary<string, string?>(server.ClientSettings)
        {
            // No time-out on the fake clock: the driver below moves it while a request is still being answered.
            ["Mandate:Client:HttpTimeout"] = Timeout.InfiniteTimeSpan.ToString(),
        };
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging();
        var inFlight = new InFlight();
        services.AddMandateClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .ConfigurePrimaryHttpMessageHandler(server.CreateHandler)
            .AddHttpMessageHandler(() => new InFlightHandler(inFlight));
        return new VirtualAgent(services.BuildServiceProvider(), time, inFlight);
    }

    /// <summary>
    /// Asks the person through CIBA and moves the clock a second at a time until the call ends, never while one of the
    /// agent's requests is being answered (the clock stands still for a request, as it nearly does for a real one).
    /// </summary>
    public async Task<Mandate.Client.Tokens.TokenResponse> AskAsync(BackchannelAuthenticationRequest request)
    {
        var call = Ciba.AuthenticateAsync(request, this, CancellationToken.None);
        for (var step = 0; step < 100_000 && !call.IsCompleted; step++)
        {
            await Task.Delay(2);
            if (Volatile.Read(ref _inFlight.Count) == 0)
            {
                Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await call;
    }

    public void Report(CibaProgress value) => Progress.Enqueue(value.Kind);

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>How many of the agent's HTTP requests are under way.</summary>
    private sealed class InFlight
    {
        public int Count;
    }

    private sealed class InFlightHandler(InFlight inFlight) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref inFlight.Count);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight.Count);
            }
        }
    }
}
