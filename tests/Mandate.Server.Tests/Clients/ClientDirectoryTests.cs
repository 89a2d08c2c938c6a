using Mandate.Server.Clients;
using Mandate.Server.Seeding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Mandate.Server.Tests.Clients;

/// <summary>
/// <see cref="ClientDirectory"/>, the one client registry (a singleton): a cached client is served without a scope and
/// follows every update made through the application manager; secrets are checked against the hash Mandate made, or,
/// for a registration whose secret OpenIddict hashed itself, through OpenIddict's manager (RFC 6749 §2.3.1).
/// </summary>
public sealed class ClientDirectoryTests : IAsyncLifetime
{
    private readonly TestSeed _seed = new();
    private MandateTestServer _server = null!;

    public async Task InitializeAsync() => _server = await MandateTestServer.StartAsync(_seed);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ClientDirectory Directory => _server.Services.GetRequiredService<ClientDirectory>();

    [Fact]
    public async Task FindAsync_ACachedClient_IsTheSameParsedRegistration_AndAnUnknownOneIsNull()
    {
        var first = await Directory.FindAsync(_seed.Agent.ClientId, CancellationToken.None);
        var second = await Directory.FindAsync(_seed.Agent.ClientId, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Null(await Directory.FindAsync("no-such-client", CancellationToken.None));
    }

    [Fact]
    public async Task ValidateSecretAsync_TheSecretPasses_AnotherSecretAndAnUnknownClientFail()
    {
        Assert.True(await Directory.ValidateSecretAsync(_seed.Agent.ClientId, _seed.Agent.Secret, CancellationToken.None));
        Assert.False(await Directory.ValidateSecretAsync(_seed.Agent.ClientId, _seed.Plain.Secret, CancellationToken.None));
        Assert.False(await Directory.ValidateSecretAsync(_seed.Agent.ClientId, "", CancellationToken.None));
        Assert.False(await Directory.ValidateSecretAsync("no-such-client", _seed.Agent.Secret, CancellationToken.None));
    }

    [Fact]
    public async Task AnUpdateThroughTheManager_IsSeenAtOnce_ByTheSingleton()
    {
        var before = await Directory.FindAsync(_seed.Agent.ClientId, CancellationToken.None);

        await UpdateAsync(app => app.DisplayName = "Renamed agent");

        var after = await Directory.FindAsync(_seed.Agent.ClientId, CancellationToken.None);
        Assert.NotEqual(before!.DisplayName, after!.DisplayName);
        Assert.Equal("Renamed agent", after.DisplayName);
    }

    [Fact]
    public async Task ImportingASeedWhileTheServerRuns_UpdatesAClientInUse_AndTheNewSecretAppliesAtOnce()
    {
        Assert.True(await Directory.ValidateSecretAsync(_seed.CcOnly.ClientId, _seed.CcOnly.Secret, CancellationToken.None));
        var newSecret = new string('n', 40);

        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMandateSeeder>().ImportAsync(new SeedDocument
            {
                Clients = [new() { ClientId = _seed.CcOnly.ClientId, DisplayName = "Reports", ClientSecret = newSecret, GrantTypes = ["client_credentials"], Scopes = ["prices"] }],
            }, CancellationToken.None);
        }

        Assert.True(await Directory.ValidateSecretAsync(_seed.CcOnly.ClientId, newSecret, CancellationToken.None));
        Assert.False(await Directory.ValidateSecretAsync(_seed.CcOnly.ClientId, _seed.CcOnly.Secret, CancellationToken.None));
        Assert.Equal("Reports", (await Directory.FindAsync(_seed.CcOnly.ClientId, CancellationToken.None))!.DisplayName);
    }

    [Fact]
    public async Task ASecretOpenIddictHashedItself_IsVerifiedThroughItsManager()
    {
        var secret = new string('o', 40);
        string hash;
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            hash = await OpenIddictHasher.Create(scope.ServiceProvider).HashAsync(secret);
        }

        Assert.False(ClientSecretHasher.IsHash(hash));
        await UpdateAsync(app => app.ClientSecret = hash);

        Assert.True(await Directory.ValidateSecretAsync(_seed.Agent.ClientId, secret, CancellationToken.None));
        Assert.False(await Directory.ValidateSecretAsync(_seed.Agent.ClientId, _seed.Agent.Secret, CancellationToken.None));
    }

    private async Task UpdateAsync(Action<OpenIddictEntityFrameworkCoreApplication> change)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var app = (OpenIddictEntityFrameworkCoreApplication)(await applications.FindByClientIdAsync(_seed.Agent.ClientId))!;
        change(app);
        await applications.UpdateAsync(app);
    }

    /// <summary>OpenIddict's own secret hashing (its default manager's), which Mandate's manager replaces.</summary>
    private sealed class OpenIddictHasher(
        IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
        ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
        IOptionsMonitor<OpenIddictCoreOptions> options,
        IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
        : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
    {
        public static OpenIddictHasher Create(IServiceProvider services) => new(
            services.GetRequiredService<IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication>>(),
            services.GetRequiredService<ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>>>(),
            services.GetRequiredService<IOptionsMonitor<OpenIddictCoreOptions>>(),
            services.GetRequiredService<IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication>>());

        public ValueTask<string> HashAsync(string secret) => ObfuscateClientSecretAsync(secret);
    }
}
