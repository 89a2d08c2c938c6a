namespace Mandate.Server.Tests.MultiInstance;

/// <summary>
/// Two instances on one PostgreSQL database that lets in fewer sessions than the requests they get at once: each
/// instance's bounded pool (<c>Mandate:DatabaseMaxPoolSize</c>) makes requests wait for a connection instead of
/// opening one the database refuses (SQLSTATE 53300), which would answer 503 (issue 16).
/// </summary>
[RequiresPostgreSql]
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private const int Polls = 100;

    /// <summary>Each instance's pool; the database lets in 2 × (pool + the event relay's own connection) + 4.</summary>
    private const int PoolSize = 5;

    private const int ConnectionLimit = 2 * (PoolSize + 1) + 4;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly TestSeed _seed = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private InstancesOnOneDatabase? _instances;
    private MandateTestServer _a = null!;
    private MandateTestServer _b = null!;

    public async Task InitializeAsync()
    {
        if (PostgreSqlTestServer.ConnectionString is null)
        {
            return;
        }

        _instances = await InstancesOnOneDatabase.StartAsync(
            2, _seed, _time, settings: (database, i) => Settings(database, i == 0 ? "mandate-a" : "mandate-b"),
            prepare: database => database.LimitConnectionsAsync(ConnectionLimit));
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
    public async Task HundredConcurrentPollsOverTwoInstances_BeyondTheDatabasesConnectionLimit_GetNo5xx_AndOneToken()
    {
        var authReqId = await _a.StartCibaAsync(_seed.Agent);
        await _b.ApproveAsync(_seed, authReqId);

        using var start = new SemaphoreSlim(0);
        var polls = Enumerable.Range(0, Polls).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await (i % 2 == 0 ? _a : _b).PollAsync(_seed.Agent, authReqId);
            return (response.StatusCode, Error: await response.ErrorAsync());
        }).ToList();
        start.Release(polls.Count);
        var results = await Task.WhenAll(polls).WaitAsync(Bound);

        var failed = results.Where(r => (int)r.StatusCode >= 500).Select(r => $"{(int)r.StatusCode} {r.Error}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {Polls} polls answered 5xx: {string.Join(", ", failed.Distinct())}");
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (r.StatusCode, r.Error)));
    }

    private static Dictionary<string, string?> Settings(PostgreSqlTestDatabase database, string instance) =>
        new(database.SettingsWithoutPoolSize(instance)) { ["Mandate:DatabaseMaxPoolSize"] = PoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
