using System.Collections.Concurrent;
using System.Diagnostics;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// <c>ShoeStore.Demo</c> — the command a newcomer runs — or another program of the solution (the agent) as its own
/// process, started with <c>dotnet program.dll</c> so that killing it kills the program itself, with standard input,
/// output and error redirected and kept. Waits are bounded; a process still running at the end is killed.
/// </summary>
internal sealed class DemoProcess : IAsyncDisposable
{
    /// <summary>The longest wait for a line or for the process to end.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();

    private DemoProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public StreamWriter Input => _process.StandardInput;

    public string Output => string.Join('\n', _output);

    public string Error => string.Join('\n', _error);

    /// <summary>Starts <c>dotnet ShoeStore.Demo.dll</c> with <paramref name="args"/>, offline (no OPENAI_* settings).</summary>
    public static DemoProcess Start(string workingDirectory, params string[] args) =>
        StartProgram(Path.Combine(AppContext.BaseDirectory, "ShoeStore.Demo.dll"), workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>
    /// Starts <c>dotnet <paramref name="program"/></c> with <paramref name="args"/> and <paramref name="environment"/> over
    /// this process's environment, offline (no OPENAI_* settings). Secrets go in the environment, not on the command line.
    /// </summary>
    public static DemoProcess StartProgram(string program, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var demo = new DemoProcess(process);
        process.OutputDataReceived += (_, e) => Keep(demo._output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(demo._error, e.Data);
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return demo;
    }

    /// <summary>The first line, on standard output or error, that contains <paramref name="text"/>.</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        for (var round = 0; round < Limit / PollEvery; round++)
        {
            if (_output.Concat(_error).FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            Assert.False(_process.HasExited, $"the demo ended before printing '{text}':\n{Output}\n{Error}");
            await Task.Delay(PollEvery);
        }

        Assert.Fail($"the demo did not print '{text}' within {Limit.TotalSeconds} s:\n{Output}\n{Error}");
        return "";
    }

    /// <summary>Ends when the process has exited (and its output has been read), or fails after <see cref="Limit"/>.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var limit = new CancellationTokenSource(Limit);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process at once (SIGKILL: no clean-up runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var limit = new CancellationTokenSource(Limit);
        await _process.WaitForExitAsync(limit.Token);
        Assert.True(_process.HasExited);
    }

    /// <summary>Sends SIGTERM, as a service manager or <c>kill</c> does.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
