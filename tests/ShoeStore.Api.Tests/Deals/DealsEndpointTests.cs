using System.Net;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Deals;

/// <summary>GET /deals: scope <c>prices</c>; only deals active now.</summary>
public abstract class DealsEndpointTests(StoreApiFactory api) : IAsyncLifetime
{
    private readonly StoreApiFactory _api = api;

    public sealed class OnSqlite() : DealsEndpointTests(new SqliteStoreApiFactory());

    [RequiresPostgreSql]
    public sealed class OnPostgreSql() : DealsEndpointTests(new PostgreSqlStoreApiFactory());

    public Task InitializeAsync() => _api.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_api).DisposeAsync();

    [DatabaseFact]
    public async Task Deals_ListsActiveDealsWithTheirPrice_NotPastOrFutureOnes()
    {
        var deals = await Expect.JsonAsync(await _api.GetAsync("/deals", _api.Token().AsClientCredentials().Build()), HttpStatusCode.OK);

        var ids = deals.EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Contains("pegasus-week", ids);
        Assert.DoesNotContain("nimbus-clearance", ids);
        Assert.DoesNotContain("speedcross-preview", ids);
        var pegasus = deals.EnumerateArray().Single(d => d.GetProperty("id").GetString() == "pegasus-week");
        Assert.Equal("140.00", pegasus.GetProperty("listPrice").GetProperty("value").GetString());
        Assert.Equal("126.00", pegasus.GetProperty("dealPrice").GetProperty("value").GetString());
    }

    [DatabaseFact]
    public async Task Deals_FourDaysLater_ShowTheDealThatStartedAndNotTheOneThatEnded()
    {
        await _api.GetAsync("/products"); // the store seeds its deals around the time it first starts
        _api.Time.Advance(TimeSpan.FromDays(4));

        var deals = await Expect.JsonAsync(await _api.GetAsync("/deals", _api.Token().AsClientCredentials().Build()), HttpStatusCode.OK);

        var ids = deals.EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Contains("speedcross-preview", ids);
        Assert.DoesNotContain("moab-weekend", ids);
    }

    [DatabaseFact]
    public async Task Deals_WithoutToken_Gets401()
    {
        Expect.NoTokenChallenge(await _api.GetAsync("/deals"));
    }
}
