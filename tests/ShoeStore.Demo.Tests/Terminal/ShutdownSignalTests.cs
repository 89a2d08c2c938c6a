using ShoeStore.Demo.Terminal;

namespace ShoeStore.Demo.Tests.Terminal;

public sealed class ShutdownSignalTests
{
    [Fact]
    public async Task Request_CompletesTheWait_AndCancelsTheToken()
    {
        using var signal = new ShutdownSignal();

        Assert.True(signal.Request());

        await signal.Requested.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(signal.Token.IsCancellationRequested);
    }

    [Fact]
    public void CtrlC_WhenTheChatIsIdle_RequestsTheStop_AndKeepsTheProcessForIt()
    {
        using var signal = new ShutdownSignal();

        Assert.True(signal.Interrupt(handledElsewhere: false));

        Assert.True(signal.Requested.IsCompleted);
    }

    [Fact]
    public void CtrlC_TakenByTheChatToCancelAnApprovalWait_DoesNotStopTheDemo()
    {
        using var signal = new ShutdownSignal();

        Assert.True(signal.Interrupt(handledElsewhere: true));

        Assert.False(signal.Requested.IsCompleted);
    }

    [Fact]
    public void SecondCtrlC_WhileStopping_IsNotTaken_SoItEndsTheProcess()
    {
        using var signal = new ShutdownSignal();
        signal.Interrupt(handledElsewhere: false);

        Assert.False(signal.Interrupt(handledElsewhere: false));
    }
}
