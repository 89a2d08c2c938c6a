using System.Runtime.ExceptionServices;

namespace Mandate.Testing;

/// <summary>
/// The person's answers that fall due later, in ping mode: no poll comes to give them (a ping client waits for the
/// server's notification, CIBA Core §10.2), so each is given by a timer on the server's <see cref="TimeProvider"/>. On a
/// fake clock the timer fires when the test moves the clock past it; the answer is then given on the thread pool, not on
/// the thread that moves the clock. A failed answer is kept and thrown at the agent's CIBA polls from then on, so the
/// agent's call fails with it at its next poll rather than the failure being lost.
/// </summary>
internal sealed class ScheduledAnswers(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<ITimer> _timers = [];
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    private ExceptionDispatchInfo? _failure;

    /// <summary>Gives <paramref name="answer"/> once the clock reaches <paramref name="due"/> (at once when it has).</summary>
    public void Schedule(DateTimeOffset due, Func<CancellationToken, Task> answer)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            var dueIn = due - time.GetUtcNow();
            if (dueIn <= TimeSpan.Zero)
            {
                Start(answer);
                return;
            }

            _timers.Add(time.CreateTimer(_ => Start(answer), null, dueIn, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>Throws the failure of an answer given on the clock, if one failed.</summary>
    public void ThrowIfFailed()
    {
        lock (_gate)
        {
            _failure?.Throw();
        }
    }

    /// <summary>Stops the timers and waits for the answers under way (they are cancelled).</summary>
    public async Task StopAsync()
    {
        Task[] running;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
            running = [.. _running];
        }

        try
        {
            // Bounded: each answer is one or two in-process device calls, cancelled above.
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopping: an answer cut short no longer matters.
        }

        _stopping.Dispose();
    }

    private void Start(Func<CancellationToken, Task> answer)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            var token = _stopping.Token;
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(Task.Run(() => RunAsync(answer, token), CancellationToken.None));
        }
    }

    private async Task RunAsync(Func<CancellationToken, Task> answer, CancellationToken cancellationToken)
    {
        try
        {
            await answer(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure ??= ExceptionDispatchInfo.Capture(e);
            }
        }
    }
}
