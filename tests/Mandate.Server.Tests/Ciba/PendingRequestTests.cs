namespace Mandate.Server.Tests.Ciba;

/// <summary>
/// Approval fatigue at <c>/bc-authorize</c> with the default settings (docs/device.md, "Approval fatigue"): at most 5
/// requests wait for one person, 3 of them from one client; more get 429 <c>slow_down</c> with <c>Retry-After</c>; an
/// identical request replaces the one waiting, and the device shows it once with how often it was asked.
/// </summary>
public abstract class PendingRequestTests : IAsyncLifetime
{
    public sealed class OnSqlite : PendingRequestTests
    {
        protected override Task<Dictionary<string, string?>?> DatabaseSettingsAsync() => Task.FromResult<Dictionary<string, string?>?>([]);
    }

    [RequiresPostgreSql]
    public sealed class OnPostgreSql : PendingRequestTests
    {
        private PostgreSqlTestDatabase? _database;

        // Null without MANDATE_TEST_POSTGRES: the tests are reported as skipped, and xunit may still build the class.
        protected override async Task<Dictionary<string, string?>?> DatabaseSettingsAsync() =>
            PostgreSqlTestServer.ConnectionString is null ? null : (_database = await PostgreSqlTestDatabase.CreateAsync()).Settings();

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }

    private readonly TestSeed _seed = new();
    private MandateTestServer? _server;

    private MandateTestServer Server => _server!;

    /// <summary>The database's settings; null when its tests are skipped.</summary>
    protected abstract Task<Dictionary<string, string?>?> DatabaseSettingsAsync();

    public async Task InitializeAsync()
    {
        if (await DatabaseSettingsAsync() is not { } settings)
        {
            return;
        }

        settings["Mandate:Ciba:MaxPendingPerPerson"] = "5";
        settings["Mandate:Ciba:MaxPendingPerClient"] = "3";
        settings["Mandate:Ciba:CollapseIdenticalRequests"] = "true";
        _server = await MandateTestServer.StartAsync(_seed, settings: settings);
    }

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private Task<HttpResponseMessage> AskAsync(TestClient client, string message) =>
        Server.BcAuthorizeAsync(client, ("scope", "openid address"), ("login_hint", "end.user"), ("binding_message", message));

    [DatabaseFact]
    public async Task FourthRequestOfOneClient_Is429SlowDown_WithRetryAfter_AndIsNotShown()
    {
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AskAsync(_seed.Plain, "Quote " + i)).StatusCode);
        }

        var refused = await AskAsync(_seed.Plain, "Quote 4");
        await refused.AssertErrorAsync((HttpStatusCode)429, "slow_down");
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 300);

        using var device = await Server.SignInAsync("end.user", _seed.EndUserPassword);
        Assert.Equal(3, (await device.PendingAsync()).GetArrayLength());
    }

    [DatabaseFact]
    public async Task SixthRequestFromAnyClients_IsRefused_AndAnAnswerMakesRoom()
    {
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AskAsync(_seed.Plain, "Quote " + i)).StatusCode);
        }

        for (var i = 1; i <= 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AskAsync(_seed.CibaOnly, "Order " + i)).StatusCode);
        }

        await (await AskAsync(_seed.CibaOnly, "Order 3")).AssertErrorAsync((HttpStatusCode)429, "slow_down");

        using var device = await Server.SignInAsync("end.user", _seed.EndUserPassword);
        Assert.Equal(HttpStatusCode.OK, (await device.DecideNewestAsync(approve: false)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(_seed.CibaOnly, "Order 3")).StatusCode);
    }

    [DatabaseFact]
    public async Task IdenticalRequest_ReplacesTheWaitingOne_WhoseAuthReqIdExpires()
    {
        var first = (await (await AskAsync(_seed.Plain, "Quote 77")).ReadJsonAsync()).GetProperty("auth_req_id").GetString()!;
        var second = await AskAsync(_seed.Plain, "Quote 77");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var third = (await (await AskAsync(_seed.Plain, "Quote 77")).ReadJsonAsync()).GetProperty("auth_req_id").GetString()!;

        using var device = await Server.SignInAsync("end.user", _seed.EndUserPassword);
        var shown = Assert.Single((await device.PendingAsync()).EnumerateArray());
        Assert.Equal(3, shown.GetProperty("times_asked").GetInt32());

        await (await Server.PollAsync(_seed.Plain, first)).AssertErrorAsync(HttpStatusCode.BadRequest, "expired_token");
        Assert.Equal(HttpStatusCode.OK, (await device.DecideNewestAsync(approve: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.PollAsync(_seed.Plain, third)).StatusCode);
    }

    [DatabaseFact]
    public async Task ThirtyDifferentRequestsInABurst_AtMostThreePerClientAndFiveInAllReachTheDevice()
    {
        var asks = Enumerable.Range(0, 30).Select(i => AskAsync(i % 2 == 0 ? _seed.Plain : _seed.CibaOnly, "Burst " + i)).ToList();
        var responses = await Task.WhenAll(asks);

        Assert.All(responses, r => Assert.Contains((int)r.StatusCode, new[] { 200, 429 }));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        using var device = await Server.SignInAsync("end.user", _seed.EndUserPassword);
        var shown = (await device.PendingAsync()).EnumerateArray().ToList();
        Assert.Equal(5, shown.Count);
        Assert.All(shown.GroupBy(r => r.GetProperty("client_id").GetString()), g => Assert.InRange(g.Count(), 2, 3));
    }
}
