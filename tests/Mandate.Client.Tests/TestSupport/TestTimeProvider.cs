using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Client.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test when code under test starts a timer (a delay, a back-off, a
/// time-out), so the test advances time exactly when the code is waiting — no real sleeps, no races.
/// </summary>
public sealed class TestTimeProvider : FakeTimeProvider
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A safety bound for a test that waits for code that never starts a timer; not a timed assertion.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(20);

    private readonly Channel<(DateTimeOffset CreatedAt, TimeSpan DueTime)> _timers = Channel.CreateUnbounded<(DateTimeOffset, TimeSpan)>();

    public TestTimeProvider()
        : base(Epoch)
    {
    }

    /// <summary>Due times of every timer created, in order.</summary>
    public List<TimeSpan> TimerDueTimes { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (TimerDueTimes)
            {
                TimerDueTimes.Add(dueTime);
            }

            _timers.Writer.TryWrite((GetUtcNow(), dueTime));
        }

        return timer;
    }

    /// <summary>Waits until the code starts its next timer; returns its due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync()
    {
        using var stall = new CancellationTokenSource(StallLimit);
        await _timers.Reader.WaitToReadAsync(stall.Token);
        _timers.Reader.TryPeek(out var timer);
        return timer.DueTime;
    }

    /// <summary>Waits for the next timer and advances time to when it fires.</summary>
    public async Task<TimeSpan> AdvanceToNextTimerAsync()
    {
        await WaitForTimerAsync();
        _timers.Reader.TryRead(out var timer);
        var remaining = timer.CreatedAt + timer.DueTime - GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            Advance(remaining);
        }

        return timer.DueTime;
    }

    /// <summary>Awaits <paramref name="task"/> while time stands still (fails after a real safety bound if it never completes).</summary>
    public static Task<T> WithoutAdvancingAsync<T>(Task<T> task) => task.WaitAsync(StallLimit);

    /// <summary>Advances time timer by timer until <paramref name="task"/> completes (at most <paramref name="maxTimers"/> timers).</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, int maxTimers = 200)
    {
        await DriveAsync((Task)task, maxTimers);
        return await task;
    }

    /// <inheritdoc cref="DriveAsync{T}(Task{T}, int)"/>
    public async Task DriveAsync(Task task, int maxTimers = 200)
    {
        for (var i = 0; i < maxTimers && !task.IsCompleted; i++)
        {
            using var stall = new CancellationTokenSource(StallLimit);
            var timer = _timers.Reader.WaitToReadAsync(stall.Token).AsTask();
            var first = await Task.WhenAny(task, timer);
            if (first == task)
            {
                break;
            }

            await AdvanceToNextTimerAsync();
        }

        if (!task.IsCompleted)
        {
            // Let the last continuation finish (it runs on the thread pool after the final timer fired).
            await task.WaitAsync(StallLimit);
        }
    }
}
