using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Push;

/// <summary>
/// Background service that takes notices from <see cref="PushNoticeQueue"/> and sends them (<see cref="PushNotifier"/>,
/// in a scope of its own), up to <see cref="MaxConcurrentNotices"/> at once so that one notice waiting to retry does not
/// hold up the next person's. A person known to have no device (<see cref="NoPushDevicesCache"/>) costs nothing. A
/// failure (the database, a bug) is logged and ends only that notice.
/// </summary>
internal sealed class PushDispatcher(
    PushNoticeQueue queue, NoPushDevicesCache noDevices, IServiceScopeFactory scopes, ILogger<PushDispatcher> logger) : BackgroundService
{
    /// <summary>The most notices being sent at once.</summary>
    public const int MaxConcurrentNotices = 4;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(MaxConcurrentNotices);
        var running = new List<Task>();
        try
        {
            await foreach (var notice in queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (noDevices.HasNone(notice.Subject))
                {
                    continue;
                }

                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(SendAsync(notice, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the notices being sent see the same token and end.
        }

        await Task.WhenAll(running);
    }

    private async Task SendAsync(PushNotice notice, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<PushNotifier>().NotifyAsync(notice, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            PushLog.NoticeFailed(logger, notice.RequestId, e.GetType().Name);
        }
        finally
        {
            slots.Release();
        }
    }
}
