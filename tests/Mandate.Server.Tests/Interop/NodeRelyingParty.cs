using System.Diagnostics;

namespace Mandate.Server.Tests.Interop;

/// <summary>Runs <c>node tests/interop/rp.mjs</c> (npm openid-client) and reads its JSON lines.</summary>
public sealed class NodeRelyingParty : IDisposable
{
    private readonly Process _process;
    private readonly System.Threading.Channels.Channel<string?> _lines = System.Threading.Channels.Channel.CreateUnbounded<string?>();
    private readonly System.Text.StringBuilder _errors = new();

    private NodeRelyingParty(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => _lines.Writer.TryWrite(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop", "rp.mjs");
            if (File.Exists(candidate))
            {
                Assert.True(Directory.Exists(Path.Combine(dir.FullName, "tests", "interop", "node_modules", "openid-client")),
                    "run: npm ci --prefix tests/interop (scripts/test.sh does)");
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/interop/rp.mjs not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Starts the driver; secrets go through the environment, not the command line.</summary>
    public static NodeRelyingParty Start(IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ScriptPath());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new NodeRelyingParty(Process.Start(info) ?? throw new InvalidOperationException("node did not start"));
    }

    /// <summary>Reads the next JSON line (bounded wait).</summary>
    public async Task<JsonElement> NextLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var line = await _lines.Reader.ReadAsync(cancel.Token);
        Assert.True(line is not null, "rp.mjs ended without output: " + _errors);
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>Waits (bounded) for the exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
