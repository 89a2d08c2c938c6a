using System.Diagnostics;

namespace Mandate.TestSupport.Processes;

/// <summary>Stops a child process that runs until its standard input closes (the Node.js peers under tests/interop).</summary>
public static class StdinStoppedProcess
{
    /// <summary>How long the child may take to exit once its input is closed, before it is killed.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>Closes the child's standard input, waits up to <see cref="Grace"/> for it to exit, kills its whole tree
    /// if it has not, and disposes it.</summary>
    public static async Task StopAsync(Process process)
    {
        process.StandardInput.Close();
        using var exit = new CancellationTokenSource(Grace);
        try
        {
            await process.WaitForExitAsync(exit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
