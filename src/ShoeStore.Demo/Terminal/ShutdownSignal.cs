using System.Runtime.InteropServices;

namespace ShoeStore.Demo.Terminal;

/// <summary>
/// Ctrl+C and SIGTERM as a request to stop both servers cleanly. While the chat waits for an approval, Ctrl+C cancels
/// that wait instead (as in ShoeStore.Agent): the chat's own Ctrl+C handler runs first and marks the key press handled,
/// and this one then leaves it alone. A second request while stopping is not taken, so a second Ctrl+C ends the
/// process at once.
/// </summary>
/// <remarks>
/// Ctrl+C is taken through <see cref="Console.CancelKeyPress"/>, the hook the chat uses, so that the order of the two
/// handlers is known (a separate SIGINT <see cref="PosixSignalRegistration"/> runs before it and, when it cancels the
/// signal, leaves the terminal's line input broken).
/// </remarks>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation = new();
    private PosixSignalRegistration? _terminate;
    private bool _listening;

    /// <summary>Completes when a stop was requested.</summary>
    public Task Requested => _requested.Task;

    /// <summary>Cancelled when a stop was requested.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Listens for Ctrl+C and SIGTERM.</summary>
    public static ShutdownSignal Register()
    {
        var signal = new ShutdownSignal();
        Console.CancelKeyPress += signal.OnCancelKeyPress;
        signal._listening = true;
        signal._terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = signal.Request());
        return signal;
    }

    /// <summary>Moves this Ctrl+C handler behind the ones registered since (the chat's), so they decide first.</summary>
    public void ListenAfterOthers()
    {
        if (_listening)
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
            Console.CancelKeyPress += OnCancelKeyPress;
        }
    }

    /// <summary>Requests a stop (what SIGTERM does); false when one was already requested.</summary>
    public bool Request()
    {
        if (!_requested.TrySetResult())
        {
            return false;
        }

        _cancellation.Cancel();
        return true;
    }

    /// <summary>
    /// Ctrl+C: when an earlier handler already took it (<paramref name="handledElsewhere"/>: the chat cancelled a wait)
    /// nothing more; otherwise a stop is requested. Returns whether the process keeps running (its default end cancelled).
    /// </summary>
    public bool Interrupt(bool handledElsewhere) => handledElsewhere || Request();

    public void Dispose()
    {
        if (_listening)
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }

        _terminate?.Dispose();
        _cancellation.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => e.Cancel = Interrupt(e.Cancel);
}
