using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Interop;

/// <summary>Mandate.Server on a real loopback port (Kestrel), for peers that speak HTTP.</summary>
public sealed class InteropServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InteropServer(WebApplication app, string baseUrl, string directory)
    {
        _app = app;
        BaseUrl = baseUrl;
        DataDirectory = directory;
    }

    public string BaseUrl { get; }

    public string Issuer => BaseUrl + "/am/oauth2/realms/root/realms/alpha";

    public string DataDirectory { get; }

    public TestLogSink Logs { get; private init; } = null!;

    /// <summary>Starts a server; <paramref name="settings"/> are added to its configuration.</summary>
    public static async Task<InteropServer> StartAsync(TestSeed seed, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var port = FreePort();
        var baseUrl = "http://127.0.0.1:" + port;
        var directory = Directory.CreateTempSubdirectory("mandate-interop-").FullName;
        var seedFile = await TestServerHost.WriteSeedAsync(directory, seed.Build());

        var config = new Dictionary<string, string?> { ["Mandate:CibaIntervalSeconds"] = "1" };
        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        var builder = TestServerHost.CreateBuilder(baseUrl + "/am/oauth2/realms/root/realms/alpha", directory, seedFile, config);
        builder.WebHost.UseUrls(baseUrl);
        var logs = new TestLogSink();
        builder.Logging.ClearProviders().AddProvider(logs);
        var app = await TestServerHost.StartAsync(builder, directory);
        return new InteropServer(app, baseUrl, directory) { Logs = logs };
    }

    public ValueTask DisposeAsync() => new(TestServerHost.StopAsync(_app, DataDirectory));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
