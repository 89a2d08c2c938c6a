namespace Mandate.Server.Tests.Infrastructure;

/// <summary>One server per test class, on its own temporary data directory (deleted afterwards) and SQLite database;
/// <see cref="PostgreSqlServerFixture"/> puts it on PostgreSQL.</summary>
public class ServerFixture : IAsyncLifetime
{
    public TestSeed Seed { get; } = new();

    public MandateTestServer Server { get; protected set; } = null!;

    public virtual async Task InitializeAsync() => Server = await MandateTestServer.StartAsync(Seed);

    public virtual async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
