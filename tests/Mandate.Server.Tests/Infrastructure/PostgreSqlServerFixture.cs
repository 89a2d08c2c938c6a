namespace Mandate.Server.Tests.Infrastructure;

/// <summary>
/// One server per test class on a fresh PostgreSQL database of its own (dropped afterwards). Without
/// <c>MANDATE_TEST_POSTGRES</c> it starts nothing: the class's tests are reported as skipped
/// (<see cref="RequiresPostgreSqlAttribute"/>), and xunit still builds the fixture.
/// </summary>
public sealed class PostgreSqlServerFixture : ServerFixture
{
    private PostgreSqlTestDatabase? _database;

    /// <summary>The server's database.</summary>
    public PostgreSqlTestDatabase Database => _database ?? throw new InvalidOperationException(PostgreSqlTestServer.SkipReason);

    public override async Task InitializeAsync()
    {
        if (PostgreSqlTestServer.ConnectionString is null)
        {
            return;
        }

        _database = await PostgreSqlTestDatabase.CreateAsync();
        Server = await MandateTestServer.StartAsync(Seed, settings: _database.Settings());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
