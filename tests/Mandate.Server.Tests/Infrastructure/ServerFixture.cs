namespace Mandate.Server.Tests.Infrastructure;

/// <summary>One server per test class, on its own temporary data directory (deleted afterwards).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestSeed Seed { get; } = new();

    public MandateTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MandateTestServer.StartAsync(Seed);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
