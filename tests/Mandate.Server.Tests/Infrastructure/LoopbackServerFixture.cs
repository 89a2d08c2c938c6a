using Mandate.Server.Tests.Interop;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>One Mandate.Server on Kestrel at 127.0.0.1 (a free port) per test class, with every log line captured.</summary>
public sealed class LoopbackServerFixture : IAsyncLifetime
{
    public TestSeed Seed { get; } = new();

    public InteropServer Server { get; private set; } = null!;

    /// <summary>A client of the server, with a timeout that bounds each request.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await InteropServer.StartAsync(Seed);
        Http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
