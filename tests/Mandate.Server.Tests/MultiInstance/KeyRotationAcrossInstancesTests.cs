using Mandate.Server.Keys;

namespace Mandate.Server.Tests.MultiInstance;

/// <summary>Signing-key rotation with two instances on one PostgreSQL database: one key set, one schedule.</summary>
[RequiresPostgreSql]
public sealed class KeyRotationAcrossInstancesTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> OneDayRotation = new()
    {
        ["Mandate:SigningKeyRotationDays"] = "1",
        ["Mandate:SigningKeyPublishAheadSeconds"] = "3600",
    };

    private readonly TestSeed _seed = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private InstancesOnOneDatabase? _instances;
    private MandateTestServer _a = null!;
    private MandateTestServer _b = null!;

    private PostgreSqlTestDatabase Database => _instances!.Database;

    /// <summary>Each test gets a fresh database and two instances on it, with one-day rotation.</summary>
    public async Task InitializeAsync()
    {
        if (PostgreSqlTestServer.ConnectionString is null)
        {
            return;
        }

        _instances = await InstancesOnOneDatabase.StartAsync(
            2, _seed, _time, settings: (database, _) => new Dictionary<string, string?>(database.Settings().Concat(OneDayRotation)));
        (_a, _b) = (_instances.Servers[0], _instances.Servers[1]);
    }

    public async Task DisposeAsync()
    {
        if (_instances is not null)
        {
            await _instances.DisposeAsync();
        }
    }

    [DatabaseFact]
    public async Task KeyRotatedOnA_IsPublishedByBAfterItsRefresh_AndBothSignWithItFromItsActivation()
    {
        var first = KeyCalls.Kid(await _b.ClientCredentialsTokenAsync(_seed));

        var next = (await Ring(_a).RotateAsync(immediately: false, CancellationToken.None)).KeyId;
        Assert.Equal([first], await _b.PublishedKidsAsync());
        await Ring(_b).RefreshAsync(CancellationToken.None);
        Assert.Equal([first, next], await _b.PublishedKidsAsync());

        _time.Advance(TimeSpan.FromHours(1));
        await Task.WhenAll(Ring(_a).RefreshAsync(CancellationToken.None), Ring(_b).RefreshAsync(CancellationToken.None));
        Assert.Equal(next, KeyCalls.Kid(await _a.ClientCredentialsTokenAsync(_seed)));
        Assert.Equal(next, KeyCalls.Kid(await _b.ClientCredentialsTokenAsync(_seed)));
    }

    [DatabaseFact]
    public async Task RotationDueOnTwoInstancesAtOnce_StoresOneNextKey_PublishedByBoth()
    {

        _time.Advance(TimeSpan.FromHours(23));
        await Task.WhenAll(Ring(_a).RefreshAsync(CancellationToken.None), Ring(_b).RefreshAsync(CancellationToken.None));
        await Task.WhenAll(Ring(_a).RefreshAsync(CancellationToken.None), Ring(_b).RefreshAsync(CancellationToken.None));

        Assert.Equal(2, await Database.ScalarAsync<int>("""SELECT count(*) FROM "SigningKeys" """));
        var onA = await _a.PublishedKidsAsync();
        Assert.Equal(2, onA.Length);
        Assert.Equal(onA, await _b.PublishedKidsAsync());
    }

    [DatabaseFact]
    public async Task RotateNowOnB_PromotesTheKeyThatAutomaticRotationOnAPublished_InsteadOfMakingAnother()
    {
        _time.Advance(TimeSpan.FromHours(23));
        await Ring(_a).RefreshAsync(CancellationToken.None);
        var pending = Assert.IsType<Mandate.Server.Data.SigningKey>(Ring(_a).Schedule.Next).KeyId;

        var rotated = await Ring(_b).RotateAsync(immediately: true, CancellationToken.None);

        Assert.Equal(pending, rotated.KeyId);
        Assert.Equal(2, await Database.ScalarAsync<int>("""SELECT count(*) FROM "SigningKeys" """));
        Assert.Equal(pending, KeyCalls.Kid(await _b.ClientCredentialsTokenAsync(_seed)));
        await Ring(_a).RefreshAsync(CancellationToken.None);
        Assert.Equal(pending, KeyCalls.Kid(await _a.ClientCredentialsTokenAsync(_seed)));
    }

    private static ServerKeyRing Ring(MandateTestServer server) => server.Services.GetRequiredService<ServerKeyRing>();
}
