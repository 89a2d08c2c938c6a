using Mandate.Server.Demo;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;

namespace Mandate.Server.Tests.Seeding;

/// <summary>
/// The demo seed lives in the demo hosts, not the library: the library seeds nothing by itself, the host's demo
/// registration (Demo/DemoServerServices.cs, used by Program.cs and ShoeStore.Demo) writes the identities and
/// <c>demo.env</c> (mode 0600) on the first start only.
/// </summary>
public sealed class DemoSeedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mandate-demo-seed-").FullName;

    private string DemoEnv => Path.Combine(_directory, "demo.env");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Library_SeedDemoUnset_SeedsNothing_AndWritesNoDemoEnv()
    {
        await using var host = BareServerHost.Create(_directory);

        await host.App.InitializeMandateServerAsync();

        Assert.Equal((0L, 0, 0L), await host.CountAsync());
        Assert.False(File.Exists(DemoEnv));
    }

    [Fact]
    public async Task Library_SeedDemoTrue_WithoutADemoHost_SeedsNothing_AndWritesNoDemoEnv()
    {
        await using var host = BareServerHost.Create(_directory, settings: new() { ["Mandate:SeedDemo"] = "true" });

        await host.App.InitializeMandateServerAsync();

        Assert.Equal((0L, 0, 0L), await host.CountAsync());
        Assert.False(File.Exists(DemoEnv));
    }

    [Fact]
    public async Task DemoHost_SeedDemoUnset_SeedsNothing()
    {
        await using var host = BareServerHost.Create(_directory, s => s.AddShoeStoreDemo());

        await host.App.InitializeMandateServerAsync();

        Assert.Equal((0L, 0, 0L), await host.CountAsync());
        Assert.False(File.Exists(DemoEnv));
    }

    [Fact]
    public async Task DemoHost_FirstStart_SeedsTheDemoIdentities_AndWritesDemoEnvWithMode0600()
    {
        await using var host = BareServerHost.Create(_directory, s => s.AddShoeStoreDemo(), new() { ["Mandate:SeedDemo"] = "true" });

        await host.App.InitializeMandateServerAsync();

        Assert.Equal((1L, 2, 6L), await host.CountAsync());
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(DemoSeed.AgentClientId));
        }

        var values = File.ReadAllLines(DemoEnv).Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(DemoSeed.AgentClientId, values["PINGONE_CLIENT_ID"]);
        Assert.Equal(MandateTestServer.TokenEndpoint, values["PINGONE_TOKEN_ENDPOINT"]);
        Assert.Equal(DemoSeed.EndUserName, values["DEMO_END_USER"]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DemoEnv));
        }
    }

    [Fact]
    public async Task DemoHost_LaterStart_KeepsDemoEnvAndTheSecrets()
    {
        await using (var first = BareServerHost.Create(_directory, s => s.AddShoeStoreDemo(), new() { ["Mandate:SeedDemo"] = "true" }))
        {
            await first.App.InitializeMandateServerAsync();
        }

        var written = await File.ReadAllTextAsync(DemoEnv);
        await using var second = BareServerHost.Create(_directory, s => s.AddShoeStoreDemo(), new() { ["Mandate:SeedDemo"] = "true" });
        await second.App.InitializeMandateServerAsync();

        Assert.Equal(written, await File.ReadAllTextAsync(DemoEnv));
        Assert.Equal((1L, 2, 6L), await second.CountAsync());
    }

    [Fact]
    public async Task DemoHost_WithASeedFile_WritesNoDemoSeed()
    {
        var seedFile = Path.Combine(_directory, "seed.json");
        await File.WriteAllTextAsync(seedFile, """{"scopes":[{"name":"openid","description":"Confirm to the app that it is you"}]}""");
        await using var host = BareServerHost.Create(_directory, s => s.AddShoeStoreDemo(),
            new() { ["Mandate:SeedDemo"] = "true", ["Mandate:SeedFile"] = seedFile });

        await host.App.InitializeMandateServerAsync();

        Assert.Equal((0L, 0, 1L), await host.CountAsync());
        Assert.False(File.Exists(DemoEnv));
    }

    [Fact]
    public async Task HostProcess_FirstStart_WritesDemoEnvWithMode0600_AsTheNewcomerRunsIt()
    {
        await using var server = await MandateServerProcess.StartDemoAsync();

        var values = server.ReadDemoEnvironment();

        Assert.Equal(DemoSeed.AgentClientId, values["PINGONE_CLIENT_ID"]);
        Assert.Contains("\"d\"", values["PINGONE_CIBA_JWK"], StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.DemoEnvPath));
        }
    }
}
