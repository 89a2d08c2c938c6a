using Mandate.Server.Hosting;

namespace Mandate.Server.Tests.Hosting;

/// <summary>Blocking jobs (the SQLite writer, the checkpointer) run on threads of their own, and their failures reach
/// whoever awaits them.</summary>
public sealed class DedicatedThreadTests
{
    [Fact]
    public async Task Start_RunsTheJobOnANamedBackgroundThread_OutsideThePool()
    {
        (bool Pool, bool Background, string? Name) seen = default;

        await DedicatedThread.Start("test job", () =>
        {
            var thread = Thread.CurrentThread;
            seen = (thread.IsThreadPoolThread, thread.IsBackground, thread.Name);
        }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((false, true, "test job"), seen);
    }

    [Fact]
    public async Task Start_CompletesOnlyWhenTheJobReturns()
    {
        using var release = new ManualResetEventSlim();

        var job = DedicatedThread.Start("test job", release.Wait);

        var first = await Task.WhenAny(job, Task.Delay(100));
        release.Set();

        Assert.NotSame(job, first);
        await job.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Start_AJobThatThrows_FaultsTheTask_InsteadOfEndingTheProcess()
    {
        var job = DedicatedThread.Start("test job", () => throw new InvalidOperationException("the job failed"));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => job.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("the job failed", e.Message);
    }
}
