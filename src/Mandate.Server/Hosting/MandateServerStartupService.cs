using Microsoft.Extensions.Hosting;

namespace Mandate.Server.Hosting;

/// <summary>
/// Runs <see cref="MandateServerInitializer"/> when the host starts, before any hosted service starts and before the
/// server accepts requests (<see cref="IHostedLifecycleService.StartingAsync"/>), for hosts that do not call
/// <c>InitializeMandateServerAsync</c> first; after that call it has nothing left to do. A failure stops the start.
/// </summary>
internal sealed class MandateServerStartupService(MandateServerInitializer initializer) : IHostedLifecycleService
{
    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => initializer.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
