using System.Net.Sockets;
using Mandate.Server.Demo;
using Mandate.Server.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
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

    public static async Task<InteropServer> StartAsync(TestSeed seed)
    {
        var port = FreePort();
        var baseUrl = "http://127.0.0.1:" + port;
        var directory = Directory.CreateTempSubdirectory("mandate-interop-").FullName;
        var seedFile = Path.Combine(directory, "seed.json");
        await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed.Build(), SeedDocument.JsonOptions));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls(baseUrl);
        var logs = new TestLogSink();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mandate:Issuer"] = baseUrl + "/am/oauth2/realms/root/realms/alpha",
            ["Mandate:DataDirectory"] = directory,
            ["Mandate:SeedFile"] = seedFile,
            ["Mandate:CibaIntervalSeconds"] = "1",
        });
        builder.Services.AddMandateServer();
        builder.Services.AddShoeStoreDemo();
        var app = builder.Build();
        await app.InitializeMandateServerAsync();
        app.MapMandateServer();
        await app.StartAsync();
        return new InteropServer(app, baseUrl, directory) { Logs = logs };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
