using Mandate.Server.Data;
using Mandate.Server.Seeding;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;

namespace Mandate.Server.Tests.Seeding;

/// <summary>The public seeding API (docs/server.md, "Seeding") and the explicit start-up call.</summary>
public sealed class SeedingApiTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mandate-seeding-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AddMandateSeed_ImportsTheDocument_AndTheSameSeedOnTheNextStartChangesNothing()
    {
        var seed = Seed();
        string firstHash;
        await using (var first = BareServerHost.Create(_directory, s => s.AddMandateSeed(seed)))
        {
            await first.App.InitializeMandateServerAsync();
            Assert.Equal((1L, 1, 2L), await first.CountAsync());
            firstHash = await PasswordHashAsync(first);
        }

        await using var second = BareServerHost.Create(_directory, s => s.AddMandateSeed(seed));
        await second.App.InitializeMandateServerAsync();
        Assert.Equal((1L, 1, 2L), await second.CountAsync());
        Assert.Equal(firstHash, await PasswordHashAsync(second));
        await using var scope = second.App.Services.CreateAsyncScope();
        var client = await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync("seeded-client");
        Assert.NotNull(client);
    }

    [Fact]
    public async Task InitializeMandateServerAsync_CalledTwiceAndThenStarted_RunsTheSeedsOnce()
    {
        var counter = new CountingContributor();
        await using var host = BareServerHost.Create(_directory, s => s.AddSingleton<IMandateSeedContributor>(counter));

        await host.App.InitializeMandateServerAsync();
        await host.App.InitializeMandateServerAsync();
        await host.App.StartAsync();

        Assert.Equal(1, counter.Runs);
    }

    [Fact]
    public async Task StartAsync_WithoutTheExplicitCall_SeedsBeforeTheServerAnswers()
    {
        await using var host = BareServerHost.Create(_directory, s => s.AddMandateSeed(Seed()));

        await host.App.StartAsync();

        Assert.Equal((1L, 1, 2L), await host.CountAsync());
        using var discovery = await host.App.GetTestServer().CreateClient().GetAsync(MandateTestServer.Issuer + "/.well-known/openid-configuration");
        Assert.True(discovery.IsSuccessStatusCode);
    }

    [Fact]
    public async Task InitializeMandateServerAsync_Cancelled_Throws_AndALaterCallCompletes()
    {
        var counter = new CountingContributor();
        await using var host = BareServerHost.Create(_directory, s => s.AddSingleton<IMandateSeedContributor>(counter));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.App.InitializeMandateServerAsync(new CancellationToken(canceled: true)));
        await host.App.InitializeMandateServerAsync();

        Assert.Equal(1, counter.Runs);
    }

    [Fact]
    public async Task InitializeMandateServerAsync_InvalidSeed_FailsWithAMessageNamingTheEntryAndTheFix()
    {
        var seed = Seed();
        seed.Clients[0].ClientSecret = "too-short";
        await using var host = BareServerHost.Create(_directory, s => s.AddMandateSeed(seed));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.App.InitializeMandateServerAsync());

        Assert.Equal("Invalid seed: client 'seeded-client': client_secret must have at least 32 characters.", error.Message);
    }

    [Theory]
    [InlineData("https://store.example/mcp#tools")]
    [InlineData("shoe store")]
    [InlineData("")]
    public async Task InitializeMandateServerAsync_ResourceThatCannotBeAnAudience_FailsNamingIt(string resource)
    {
        var seed = Seed();
        seed.Clients[0].Resources = [resource];
        await using var host = BareServerHost.Create(_directory, s => s.AddMandateSeed(seed));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.App.InitializeMandateServerAsync());

        Assert.StartsWith("Invalid seed: client 'seeded-client': each resource must be an absolute URI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeder_InvalidClientAfterValidEntries_WritesNothingOfTheDocument()
    {
        await using var host = BareServerHost.Create(_directory);
        await host.App.InitializeMandateServerAsync();
        var seed = Seed();
        seed.Clients[0].GrantTypes = ["password"];
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<IMandateSeeder>();
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.ImportAsync(seed, CancellationToken.None));
            Assert.StartsWith("Invalid seed: client 'seeded-client': grant_types may hold client_credentials and ", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal((0L, 0, 0L), await host.CountAsync());
    }

    [Fact]
    public async Task StartAsync_InvalidSeed_StopsTheStart()
    {
        var seed = Seed();
        seed.Users[0].Password = "short";
        await using var host = BareServerHost.Create(_directory, s => s.AddMandateSeed(seed));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.App.StartAsync());

        Assert.Equal("Invalid seed: user 'seeded.user': the password must have at least 8 characters.", error.Message);
    }

    [Fact]
    public async Task Seeder_SeedWithoutClientList_IsRefusedWithAClearError()
    {
        await using var host = BareServerHost.Create(_directory);
        await host.App.InitializeMandateServerAsync();
        await using var scope = host.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<IMandateSeeder>();
        var seed = JsonSerializer.Deserialize<SeedDocument>("""{"clients": null}""", SeedDocument.JsonOptions)!;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.ImportAsync(seed, CancellationToken.None));

        Assert.Equal("Invalid seed: scopes, users and clients must be arrays.", error.Message);
    }

    [Fact]
    public async Task Seeder_HasClients_IsFalseOnAnEmptyDatabase_AndTrueAfterAnImport()
    {
        await using var host = BareServerHost.Create(_directory);
        await host.App.InitializeMandateServerAsync();
        await using var scope = host.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<IMandateSeeder>();

        Assert.False(await seeder.HasClientsAsync(CancellationToken.None));
        await seeder.ImportAsync(Seed(), CancellationToken.None);
        Assert.True(await seeder.HasClientsAsync(CancellationToken.None));
    }

    private static SeedDocument Seed() => new()
    {
        Scopes =
        [
            new() { Name = "openid", Description = "Confirm to the app that it is you" },
            new() { Name = "reports", Description = "Read your reports", Resource = "reports-api", AccessTokenLifetime = 600 },
        ],
        Users = [new() { Subject = "0b7e2c1a-seeded", Username = "seeded.user", Password = "a password of some length" }],
        Clients =
        [
            new()
            {
                ClientId = "seeded-client", ClientSecret = new string('s', 40), GrantTypes = ["client_credentials"], Scopes = ["reports"],
            },
        ],
    };

    private static async Task<string> PasswordHashAsync(BareServerHost host)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MandateDbContext>().Users.Select(u => u.PasswordHash).SingleAsync();
    }

    private sealed class CountingContributor : IMandateSeedContributor
    {
        public int Runs { get; private set; }

        public Task SeedAsync(IMandateSeeder seeder, CancellationToken cancellationToken)
        {
            Runs++;
            return Task.CompletedTask;
        }
    }
}
