using Mandate.Server.Keys;
using Mandate.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Server.Tests.MultiInstance;

/// <summary>Signing-key rotation with two instances on one PostgreSQL database: one key set, one schedule.</summary>
[RequiresPostgreSql]
public sealed class KeyRotationAcrossInstancesTests
{
    private static readonly Dictionary<string, string?> OneDayRotation = new()
    {
        ["Mandate:SigningKeyRotationDays"] = "1",
        ["Mandate:SigningKeyPublishAheadSeconds"] = "3600",
    };

    [DatabaseFact]
    public async Task KeyRotatedOnA_IsPublishedByBAfterItsRefresh_AndBothSignWithItFromItsActivation()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var seed = new TestSeed();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await MandateTestServer.StartAsync(seed, time: time, settings: Settings(database));
        await using var b = await MandateTestServer.StartAsync(seed, time: time, settings: Settings(database));
        var first = KeyCalls.Kid(await b.ClientCredentialsTokenAsync(seed));

        var next = (await Ring(a).RotateAsync(immediately: false, CancellationToken.None)).KeyId;
        Assert.Equal([first], await b.PublishedKidsAsync());
        await Ring(b).RefreshAsync(CancellationToken.None);
        Assert.Equal([first, next], await b.PublishedKidsAsync());

        time.Advance(TimeSpan.FromHours(1));
        await Task.WhenAll(Ring(a).RefreshAsync(CancellationToken.None), Ring(b).RefreshAsync(CancellationToken.None));
        Assert.Equal(next, KeyCalls.Kid(await a.ClientCredentialsTokenAsync(seed)));
        Assert.Equal(next, KeyCalls.Kid(await b.ClientCredentialsTokenAsync(seed)));
    }

    [DatabaseFact]
    public async Task RotationDueOnTwoInstancesAtOnce_StoresOneNextKey_PublishedByBoth()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var seed = new TestSeed();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await MandateTestServer.StartAsync(seed, time: time, settings: Settings(database));
        await using var b = await MandateTestServer.StartAsync(seed, time: time, settings: Settings(database));

        time.Advance(TimeSpan.FromHours(23));
        await Task.WhenAll(Ring(a).RefreshAsync(CancellationToken.None), Ring(b).RefreshAsync(CancellationToken.None));
        await Task.WhenAll(Ring(a).RefreshAsync(CancellationToken.None), Ring(b).RefreshAsync(CancellationToken.None));

        Assert.Equal(2, await database.ScalarAsync<int>("""SELECT count(*) FROM "SigningKeys" """));
        var onA = await a.PublishedKidsAsync();
        Assert.Equal(2, onA.Length);
        Assert.Equal(onA, await b.PublishedKidsAsync());
    }

    [DatabaseFact]
    public async Task RotateNowOnB_PromotesTheKeyThatAutomaticRotationOnAPublished_InsteadOfMakingAnother()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var seed = new TestSeed();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await MandateTestServer.StartAsync(seed, time: time, settings: Settings(database));
        await using var b = await MandateTestServer.StartAsync(seed, time: time, settings: Settings(database));
        time.Advance(TimeSpan.FromHours(23));
        await Ring(a).RefreshAsync(CancellationToken.None);
        var pending = Assert.IsType<Mandate.Server.Data.SigningKey>(Ring(a).Schedule.Next).KeyId;

        var rotated = await Ring(b).RotateAsync(immediately: true, CancellationToken.None);

        Assert.Equal(pending, rotated.KeyId);
        Assert.Equal(2, await database.ScalarAsync<int>("""SELECT count(*) FROM "SigningKeys" """));
        Assert.Equal(pending, KeyCalls.Kid(await b.ClientCredentialsTokenAsync(seed)));
        await Ring(a).RefreshAsync(CancellationToken.None);
        Assert.Equal(pending, KeyCalls.Kid(await a.ClientCredentialsTokenAsync(seed)));
    }

    private static Dictionary<string, string?> Settings(PostgreSqlTestDatabase database) =>
        new(database.Settings().Concat(OneDayRotation));

    private static ServerKeyRing Ring(MandateTestServer server) => server.Services.GetRequiredService<ServerKeyRing>();
}
