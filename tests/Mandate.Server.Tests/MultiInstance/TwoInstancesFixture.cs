using Mandate.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Server.Tests.MultiInstance;

/// <summary>
/// Two server instances (A and B: separate hosts, each with its own services, caches and data directory) on one
/// fresh PostgreSQL database, started at the same moment, with one seed, one clock and one ping receiver. Without
/// <c>MANDATE_TEST_POSTGRES</c> it starts nothing (the tests are reported as skipped).
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    private PostgreSqlTestDatabase? _database;

    public TestSeed Seed { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public MandateTestServer A { get; private set; } = null!;

    public MandateTestServer B { get; private set; } = null!;

    public PingReceiver Pings { get; private set; } = null!;

    public PostgreSqlTestDatabase Database => _database ?? throw new InvalidOperationException(PostgreSqlTestServer.SkipReason);

    public async Task InitializeAsync()
    {
        if (PostgreSqlTestServer.ConnectionString is null)
        {
            return;
        }

        _database = await PostgreSqlTestDatabase.CreateAsync();
        Pings = await PingReceiver.StartAsync();
        Seed.PingEndpoint = Pings.Url;
        var a = MandateTestServer.StartAsync(Seed, time: Time, settings: _database.Settings());
        var b = MandateTestServer.StartAsync(Seed, time: Time, settings: _database.Settings());
        await Task.WhenAll(a, b);
        (A, B) = (a.Result, b.Result);
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { A, B })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        if (Pings is not null)
        {
            await Pings.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
