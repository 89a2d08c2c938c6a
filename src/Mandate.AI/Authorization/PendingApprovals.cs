using Mandate.AI.Tokens;

namespace Mandate.AI.Authorization;

/// <summary>
/// One pending user approval per <see cref="UserTokenKey"/>: a call that needs the same approval as one already
/// pending waits for that one instead of pushing a second request to the user's device. The request is cancelled
/// only when every waiting call has stopped waiting.
/// </summary>
internal sealed class PendingApprovals
{
    private readonly Lock _gate = new();
    private readonly Dictionary<UserTokenKey, Pending> _pending = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Waits for the pending approval under <paramref name="key"/>, or starts one with <paramref name="start"/>.
    /// <paramref name="start"/> runs once per approval with a token that is cancelled when no call waits any more.
    /// </summary>
    public async Task<ToolTokenResult> JoinOrStartAsync(
        UserTokenKey key, Func<CancellationToken, Task<ToolTokenResult>> start, CancellationToken cancellationToken)
    {
        Pending pending;
        var started = false;
        lock (_gate)
        {
            if (!_pending.TryGetValue(key, out pending!))
            {
                pending = new Pending();
                _pending[key] = pending;
                started = true;
            }

            pending.Waiters++;
        }

        if (started)
        {
            _ = RunAsync(key, pending, start);
        }

        try
        {
            return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Leave(key, pending);
            throw;
        }
    }

    private void Leave(UserTokenKey key, Pending pending)
    {
        lock (_gate)
        {
            if (--pending.Waiters > 0 || pending.Completion.Task.IsCompleted)
            {
                return;
            }

            // Nobody waits any more: stop asking the user, and let the next call start afresh.
            Remove(key, pending);
            pending.Cancellation.Cancel();
        }
    }

    private async Task RunAsync(UserTokenKey key, Pending pending, Func<CancellationToken, Task<ToolTokenResult>> start)
    {
        try
        {
            var result = await start(pending.Cancellation.Token).ConfigureAwait(false);
            Finish(key, pending, () => pending.Completion.TrySetResult(result));
        }
        catch (OperationCanceledException exception)
        {
            Finish(key, pending, () => pending.Completion.TrySetCanceled(exception.CancellationToken));
        }
        catch (Exception exception)
        {
            Finish(key, pending, () => pending.Completion.TrySetException(exception));
        }
    }

    private void Finish(UserTokenKey key, Pending pending, Action complete)
    {
        lock (_gate)
        {
            // Removed before completing: a call that arrives from now on starts a new approval (or finds the cache).
            Remove(key, pending);
        }

        complete();
    }

    private void Remove(UserTokenKey key, Pending pending)
    {
        if (_pending.TryGetValue(key, out var current) && ReferenceEquals(current, pending))
        {
            _pending.Remove(key);
        }
    }

    private sealed class Pending
    {
        public TaskCompletionSource<ToolTokenResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Cancellation { get; } = new();

        public int Waiters { get; set; }
    }
}
