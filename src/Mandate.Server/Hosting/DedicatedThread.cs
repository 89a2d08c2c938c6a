namespace Mandate.Server.Hosting;

/// <summary>
/// Runs a long-lived job that blocks (SQLite's calls, a checkpoint's <c>fsync</c>) on a thread of its own rather than
/// the thread pool's: on a small machine the pool has few threads to answer requests with (two on two cores), and a job
/// blocked on one of them holds up the requests queued behind it (docs/deploy.md, "SQLite's log and checkpoints").
/// </summary>
internal static class DedicatedThread
{
    /// <summary>Starts <paramref name="job"/> on a background thread named <paramref name="name"/>. The task completes
    /// when the job returns, or fails with its exception: a job's failure is reported to whoever awaits the task (a
    /// hosted service's failure, for the host), never as an unhandled exception on a thread, which would end the
    /// process.</summary>
    public static Task Start(string name, Action job)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                job();
                stopped.SetResult();
            }
            catch (Exception e)
            {
                stopped.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return stopped.Task;
    }
}
