using Mandate.Server.Demo;
using Mandate.Server.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>
/// What the in-process servers of the tests (<see cref="MandateTestServer"/>, the device page's and the interop
/// server) share: the seed file in the data directory, a "Testing" host configured for it, Mandate.Server with the
/// shoe-store demo started on that host, and its end.
/// </summary>
internal static class TestServerHost
{
    /// <summary>
    /// Settings under <c>Mandate:Ciba</c> that turn the approval-fatigue caps and collapsing off: the test servers ask
    /// one person many times, identical requests included, for other reasons. The caps and collapsing are tested with
    /// their defaults in PendingRequestTests.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NoApprovalFatigueLimits = new Dictionary<string, string>
    {
        ["MaxPendingPerPerson"] = "0",
        ["MaxPendingPerClient"] = "0",
        ["CollapseIdenticalRequests"] = "false",
    };

    /// <summary>Writes <paramref name="seed"/> as <c>seed.json</c> into <paramref name="dataDirectory"/>; returns its path.</summary>
    public static async Task<string> WriteSeedAsync(string dataDirectory, SeedDocument seed)
    {
        var seedFile = Path.Combine(dataDirectory, "seed.json");
        await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed, SeedDocument.JsonOptions));
        return seedFile;
    }

    /// <summary>
    /// A builder for the "Testing" environment whose configuration names the issuer, the data directory and the seed
    /// file; <paramref name="settings"/> are added over those.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(
        string issuer, string dataDirectory, string seedFile, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        var config = new Dictionary<string, string?>
        {
            ["Mandate:Issuer"] = issuer,
            ["Mandate:DataDirectory"] = dataDirectory,
            ["Mandate:SeedFile"] = seedFile,
        };
        foreach (var (key, value) in NoApprovalFatigueLimits)
        {
            config["Mandate:Ciba:" + key] = value;
        }

        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        return builder;
    }

    /// <summary>
    /// Adds Mandate.Server and the shoe-store demo, builds the host, runs <paramref name="configure"/> (middleware ahead
    /// of the server's), then initializes, maps and starts the server. When that fails, the host is disposed and
    /// <paramref name="ownedDirectory"/> (if any) deleted before the exception goes on.
    /// </summary>
    public static async Task<WebApplication> StartAsync(WebApplicationBuilder builder, string? ownedDirectory, Action<WebApplication>? configure = null)
    {
        builder.Services.AddMandateServer();
        builder.Services.AddShoeStoreDemo();
        var app = builder.Build();
        try
        {
            configure?.Invoke(app);
            await app.InitializeMandateServerAsync();
            app.MapMandateServer();
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (ownedDirectory is not null)
            {
                Directory.Delete(ownedDirectory, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Stops and disposes a started host, releases its SQLite files, and deletes <paramref name="ownedDirectory"/> (if any).</summary>
    public static async Task StopAsync(WebApplication app, string? ownedDirectory)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (ownedDirectory is not null)
        {
            Directory.Delete(ownedDirectory, recursive: true);
        }
    }
}
