namespace Mandate.Server.Tests.Data;

/// <summary>Several instances starting at once on one empty PostgreSQL database create what is shared once.</summary>
[RequiresPostgreSql]
public sealed class ConcurrentStartTests : IAsyncLifetime
{
    private const int Instances = 3;

    private readonly TestSeed _seed = new();
    private InstancesOnOneDatabase? _instances;

    private PostgreSqlTestDatabase? Database => _instances?.Database;

    private IReadOnlyList<MandateTestServer> Servers => _instances?.Servers ?? [];

    public async Task InitializeAsync()
    {
        if (PostgreSqlTestServer.ConnectionString is not null)
        {
            _instances = await InstancesOnOneDatabase.StartAsync(Instances, _seed, new FakeTimeProvider(DateTimeOffset.UtcNow));
        }
    }

    public async Task DisposeAsync()
    {
        if (_instances is not null)
        {
            await _instances.DisposeAsync();
        }
    }

    [DatabaseFact]
    public async Task SigningAndEncryptionKeys_AreCreatedOnceAndUsedByEveryInstance()
    {
        Assert.Equal(1, await Database!.ScalarAsync<int>("""SELECT count(*) FROM "ServerKeys" """));
        Assert.Equal(1, await Database.ScalarAsync<int>("""SELECT count(*) FROM "SigningKeys" """));
        var kid = await Database.ScalarAsync<string>("""SELECT "KeyId" FROM "SigningKeys" """);
        foreach (var server in Servers)
        {
            var jwks = await (await server.Client.GetAsync(MandateTestServer.Issuer + "/connect/jwk_uri")).ReadJsonAsync();
            Assert.Equal(kid, Assert.Single(jwks.GetProperty("keys").EnumerateArray()).GetProperty("kid").GetString());
        }
    }

    [DatabaseFact]
    public async Task DataProtectionKey_IsCreatedOnceInTheDatabase()
    {
        Assert.Equal(1, await Database!.ScalarAsync<int>("""SELECT count(*) FROM "DataProtectionKeys" """));

        // Signing in on every instance uses that key; none creates its own.
        foreach (var server in Servers)
        {
            using var device = await server.SignInAsync("end.user", _seed.EndUserPassword);
            Assert.Equal(HttpStatusCode.OK, (await device.GetAsync("/device/api/requests")).StatusCode);
        }

        Assert.Equal(1, await Database.ScalarAsync<int>("""SELECT count(*) FROM "DataProtectionKeys" """));
    }

    [DatabaseFact]
    public async Task Seed_IsStoredOnce()
    {
        var clients = _seed.Build().Clients.Count;
        Assert.Equal(clients, await Database!.ScalarAsync<int>("""SELECT count(*) FROM "OpenIddictApplications" """));
        Assert.Equal(2, await Database.ScalarAsync<int>("""SELECT count(*) FROM "Users" """));
    }
}
