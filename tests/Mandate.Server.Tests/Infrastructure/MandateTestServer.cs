using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>Mandate.Server hosted in memory (TestServer) on a temporary data directory, with a fake clock.</summary>
public sealed class MandateTestServer : IAsyncDisposable
{
    public const string Issuer = "http://localhost/am/oauth2/realms/root/realms/alpha";
    public const string TokenEndpoint = Issuer + "/access_token";
    public const string BcEndpoint = Issuer + "/bc-authorize";

    private readonly WebApplication _app;
    private bool _ownsDirectory;
    private PingReceiver? _receiver;

    private MandateTestServer(WebApplication app, string dataDirectory, FakeTimeProvider time, TestLogSink logs)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Time = time;
        Logs = logs;
        Client = app.GetTestServer().CreateClient();
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; }

    public TestLogSink Logs { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a <see cref="PingReceiver"/> on loopback, registers it as the seed's ping client's notification endpoint,
    /// then starts the server, which stops the receiver after itself when it is disposed.
    /// </summary>
    public static async Task<(PingReceiver Receiver, MandateTestServer Server)> StartWithPingReceiverAsync(TestSeed seed)
    {
        var receiver = await PingReceiver.StartAsync();
        seed.PingEndpoint = receiver.Url;
        try
        {
            var server = await StartAsync(seed);
            server._receiver = receiver;
            return (receiver, server);
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a server; the seed file is written into the data directory. A directory the server creates
    /// itself (none given) is deleted when it is disposed.</summary>
    public static async Task<MandateTestServer> StartAsync(TestSeed seed, string? dataDirectory = null, FakeTimeProvider? time = null, Dictionary<string, string?>? settings = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("mandate-test-").FullName;
        var seedFile = await TestServerHost.WriteSeedAsync(dataDirectory, seed.Build());
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new TestLogSink();

        var config = new Dictionary<string, string?>
        {
            ["Mandate:SignInAttemptsPerMinute"] = "1000",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        };
        var builder = TestServerHost.CreateBuilder(Issuer, dataDirectory, seedFile, config.Concat(settings ?? []));
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(time);
        var app = await TestServerHost.StartAsync(builder, owns ? dataDirectory : null);

        return new MandateTestServer(app, dataDirectory, time, logs) { _ownsDirectory = owns };
    }

    /// <summary>A client that keeps cookies (for the device API).</summary>
    public HttpClient CreateCookieClient() =>
        new(new CookieContainerHandler { InnerHandler = _app.GetTestServer().CreateHandler() }) { BaseAddress = new Uri("http://localhost") };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await TestServerHost.StopAsync(_app, _ownsDirectory ? DataDirectory : null);
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
