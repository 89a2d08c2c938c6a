using Microsoft.Extensions.Time.Testing;

namespace Mandate.Testing.Tests;

/// <summary>The person's answers on the clock (ping mode): when they run, what a failure does, and stopping.</summary>
public sealed class ScheduledAnswersTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task AnAnswer_RunsWhenTheClockReachesIt_NotBefore()
    {
        var answers = new ScheduledAnswers(_time);
        var given = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        answers.Schedule(_time.GetUtcNow() + TimeSpan.FromSeconds(50), _ => { given.SetResult(); return Task.CompletedTask; });

        _time.Advance(TimeSpan.FromSeconds(49));
        await Task.Delay(100);
        Assert.False(given.Task.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        await given.Task.WaitAsync(Patience);
        await answers.StopAsync();
    }

    [Fact]
    public async Task AnAnswerDueAlready_RunsAtOnce()
    {
        var answers = new ScheduledAnswers(_time);
        var given = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        answers.Schedule(_time.GetUtcNow(), _ => { given.SetResult(); return Task.CompletedTask; });

        await given.Task.WaitAsync(Patience);
        await answers.StopAsync();
    }

    [Fact]
    public async Task AFailedAnswer_IsThrownAtTheNextPoll()
    {
        var answers = new ScheduledAnswers(_time);
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        answers.Schedule(_time.GetUtcNow(), async _ =>
        {
            await Task.Yield();
            failed.SetResult();
            throw new InvalidOperationException("The device call failed.");
        });
        await failed.Task.WaitAsync(Patience);

        await answers.StopAsync();   // waits for the answer under way, so its failure is recorded

        Assert.Equal("The device call failed.", Assert.Throws<InvalidOperationException>(answers.ThrowIfFailed).Message);
    }

    [Fact]
    public async Task AfterStopping_NoAnswerRuns()
    {
        var answers = new ScheduledAnswers(_time);
        var runs = 0;
        answers.Schedule(_time.GetUtcNow() + TimeSpan.FromSeconds(10), _ => { Interlocked.Increment(ref runs); return Task.CompletedTask; });

        await answers.StopAsync();
        answers.Schedule(_time.GetUtcNow(), _ => { Interlocked.Increment(ref runs); return Task.CompletedTask; });
        _time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(100);

        Assert.Equal(0, Volatile.Read(ref runs));
        answers.ThrowIfFailed();
    }
}
