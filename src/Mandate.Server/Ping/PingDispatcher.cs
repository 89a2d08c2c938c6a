using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mandate.Server.Ping;

/// <summary>Background service that sends queued pings one by one.</summary>
internal sealed class PingDispatcher(PingQueue queue, IServiceScopeFactory scopes) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
            {
                using var scope = scopes.CreateScope();
                try
                {
                    await scope.ServiceProvider.GetRequiredService<PingSender>().SendAsync(job, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed ping (database or network) must not stop the pings that follow.
                    Logging.Log.PingFailed(scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PingDispatcher>>(), job.RequestId, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
