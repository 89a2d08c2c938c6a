namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>One demo (server + store, demo seed) and the demo user's signed-in device, shared by a test class.</summary>
public sealed class ShoppingSystem : IAsyncLifetime
{
    internal DemoSystem System { get; private set; } = null!;

    internal TestDevice Device { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await DemoSystem.StartAsync();
        Device = await System.SignInDeviceAsync();
    }

    public async Task DisposeAsync()
    {
        Device?.Dispose();
        if (System is not null)
        {
            await System.DisposeAsync();
        }
    }
}
