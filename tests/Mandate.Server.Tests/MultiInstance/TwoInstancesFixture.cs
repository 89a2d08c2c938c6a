namespace Mandate.Server.Tests.MultiInstance;

/// <summary>
/// Two server instances (A and B: separate hosts, each with its own services, caches and data directory) on one
/// fresh PostgreSQL database, started at the same moment, with one seed, one clock and one ping receiver. Without
/// <c>MANDATE_TEST_POSTGRES</c> it starts nothing (the tests are reported as skipped).
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    private InstancesOnOneDatabase? _instances;

    public TestSeed Seed { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public MandateTestServer A { get; private set; } = null!;

    public MandateTestServer B { get; private set; } = null!;

    public PingReceiver Pings { get; private set; } = null!;

    public PostgreSqlTestDatabase Database => _instances?.Database ?? throw new InvalidOperationException(PostgreSqlTestServer.SkipReason);

    public async Task InitializeAsync()
    {
        if (PostgreSqlTestServer.ConnectionString is null)
        {
            return;
        }

        Pings = await PingReceiver.StartAsync();
        Seed.PingEndpoint = Pings.Url;
        _instances = await InstancesOnOneDatabase.StartAsync(2, Seed, Time);
        (A, B) = (_instances.Servers[0], _instances.Servers[1]);
    }

    public async Task DisposeAsync()
    {
        if (_instances is not null)
        {
            await _instances.DisposeAsync();
        }

        if (Pings is not null)
        {
            await Pings.DisposeAsync();
        }
    }
}
