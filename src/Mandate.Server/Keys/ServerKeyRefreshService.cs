using Mandate.Server.Configuration;
using Mandate.Server.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Keys;

/// <summary>
/// Re-reads the server keys every <see cref="SigningKeyPolicy.RefreshInterval"/>: picks up keys other instances
/// created, activates the next key on time, rotates when due, and drops keys past their retention. A failure (a
/// database outage) keeps the keys already loaded, is logged, and is retried on the next tick.
/// </summary>
internal sealed class ServerKeyRefreshService(ServerKeyRing keys, IOptions<MandateServerOptions> options, TimeProvider time, ILogger<ServerKeyRefreshService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SigningKeyPolicy.RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await keys.RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.SigningKeyRefreshFailed(logger, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }
}
