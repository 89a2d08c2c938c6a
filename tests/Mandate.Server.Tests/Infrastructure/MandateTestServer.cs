using Mandate.Server.Demo;
using Mandate.Server.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
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

    /// <summary>Starts a server; the seed file is written into the data directory. A directory the server creates
    /// itself (none given) is deleted when it is disposed.</summary>
    public static async Task<MandateTestServer> StartAsync(TestSeed seed, string? dataDirectory = null, FakeTimeProvider? time = null, Dictionary<string, string?>? settings = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("mandate-test-").FullName;
        var seedFile = Path.Combine(dataDirectory, "seed.json");
        await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed.Build(), SeedDocument.JsonOptions));
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new TestLogSink();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        var config = new Dictionary<string, string?>
        {
            ["Mandate:Issuer"] = Issuer,
            ["Mandate:DataDirectory"] = dataDirectory,
            ["Mandate:SeedFile"] = seedFile,
            ["Mandate:SignInAttemptsPerMinute"] = "1000",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        };
        foreach (var (k, v) in settings ?? [])
        {
            config[k] = v;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddMandateServer();
        builder.Services.AddShoeStoreDemo();
        var app = builder.Build();
        try
        {
            await app.InitializeMandateServerAsync();
            app.MapMandateServer();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (owns)
            {
                Directory.Delete(dataDirectory, recursive: true);
            }

            throw;
        }

        return new MandateTestServer(app, dataDirectory, time, logs) { _ownsDirectory = owns };
    }

    /// <summary>A client that keeps cookies (for the device API).</summary>
    public HttpClient CreateCookieClient() =>
        new(new CookieContainerHandler { InnerHandler = _app.GetTestServer().CreateHandler() }) { BaseAddress = new Uri("http://localhost") };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
