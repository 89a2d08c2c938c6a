using System.Net;
using Mandate.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Server.Tests.Data;

/// <summary>Several instances starting at once on one empty PostgreSQL database create what is shared once.</summary>
[RequiresPostgreSql]
public sealed class ConcurrentStartTests : IAsyncLifetime
{
    private const int Instances = 3;

    private readonly TestSeed _seed = new();
    private readonly List<MandateTestServer> _servers = [];
    private PostgreSqlTestDatabase? _database;

    public async Task InitializeAsync()
    {
        if (PostgreSqlTestServer.ConnectionString is null)
        {
            return;
        }

        _database = await PostgreSqlTestDatabase.CreateAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var starts = Enumerable.Range(0, Instances)
            .Select(_ => MandateTestServer.StartAsync(_seed, time: time, settings: _database.Settings())).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            _servers.AddRange(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [DatabaseFact]
    public async Task SigningAndEncryptionKeys_AreCreatedOnceAndUsedByEveryInstance()
    {
        Assert.Equal(1, await _database!.ScalarAsync<int>("""SELECT count(*) FROM "ServerKeys" """));
        Assert.Equal(1, await _database.ScalarAsync<int>("""SELECT count(*) FROM "SigningKeys" """));
        var kid = await _database.ScalarAsync<string>("""SELECT "KeyId" FROM "SigningKeys" """);
        foreach (var server in _servers)
        {
            var jwks = await (await server.Client.GetAsync(MandateTestServer.Issuer + "/connect/jwk_uri")).ReadJsonAsync();
            Assert.Equal(kid, Assert.Single(jwks.GetProperty("keys").EnumerateArray()).GetProperty("kid").GetString());
        }
    }

    [DatabaseFact]
    public async Task DataProtectionKey_IsCreatedOnceInTheDatabase()
    {
        Assert.Equal(1, await _database!.ScalarAsync<int>("""SELECT count(*) FROM "DataProtectionKeys" """));

        // Signing in on every instance uses that key; none creates its own.
        foreach (var server in _servers)
        {
            using var device = await server.SignInAsync("end.user", _seed.EndUserPassword);
            Assert.Equal(HttpStatusCode.OK, (await device.GetAsync("/device/api/requests")).StatusCode);
        }

        Assert.Equal(1, await _database.ScalarAsync<int>("""SELECT count(*) FROM "DataProtectionKeys" """));
    }

    [DatabaseFact]
    public async Task Seed_IsStoredOnce()
    {
        var clients = _seed.Build().Clients.Count;
        Assert.Equal(clients, await _database!.ScalarAsync<int>("""SELECT count(*) FROM "OpenIddictApplications" """));
        Assert.Equal(2, await _database.ScalarAsync<int>("""SELECT count(*) FROM "Users" """));
    }
}
