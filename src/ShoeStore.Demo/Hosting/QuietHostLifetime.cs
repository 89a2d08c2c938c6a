using Microsoft.Extensions.Hosting;

namespace ShoeStore.Demo.Hosting;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM alone: the demo owns the signals (see <see cref="Terminal.ShutdownSignal"/>)
/// and stops both servers itself, so the chat's own Ctrl+C handling keeps working.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
