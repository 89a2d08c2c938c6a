using System.Diagnostics;
using ShoeStore.Demo.Tests.Infrastructure;

namespace ShoeStore.Demo.Tests.EndToEnd;

/// <summary>
/// The README's other commands, <c>dotnet run --project src/…</c>, started from a folder other than the project's:
/// each program keeps and reads its files under the folder it was started from (the working directory), as the
/// demo does, so that the pieces run alone share <c>.mandate/</c> and runs from different folders share nothing.
/// </summary>
public sealed class DotnetRunTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private readonly string _directory = Directory.CreateTempSubdirectory("mandate-dotnet-run-").FullName;
    private readonly List<Process> _started = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();

    [Fact]
    public async Task StoreApi_StartedFromAnotherFolder_KeepsItsDatabaseUnderThatFolder()
    {
        var api = Start("ShoeStore.Api", "--urls", "http://127.0.0.1:0");
        var database = Path.Combine(_directory, "data", "shoestore.db");
        var deadline = DateTime.UtcNow + Limit;
        while (!File.Exists(database) && !api.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var started = api.HasExited ? "exited with " + api.ExitCode : "running";
        Assert.True(File.Exists(database), $"no {database} (the store is {started})");
    }

    [Fact]
    public async Task Agent_StartedFromAnotherFolder_ReadsDemoEnvUnderThatFolder()
    {
        // An incomplete file: the agent refuses to start, and its message shows which settings it read.
        Directory.CreateDirectory(Path.Combine(_directory, ".mandate"));
        await File.WriteAllTextAsync(Path.Combine(_directory, ".mandate", "demo.env"), "PINGONE_CLIENT_ID=ai-agent\n");

        var agent = Start("ShoeStore.Agent");
        agent.StandardInput.Close();
        using var limit = new CancellationTokenSource(Limit);
        await agent.WaitForExitAsync(limit.Token);

        Assert.Equal(2, agent.ExitCode);
        var message = string.Join('\n', _errors);
        Assert.Contains("PINGONE_TOKEN_ENDPOINT", message, StringComparison.Ordinal);
        Assert.DoesNotContain("PINGONE_CLIENT_ID (", message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        // dotnet run starts the program as its child: end the whole tree.
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(30));
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is being killed; the temporary folder is cleaned by the system.
        }
    }

    private Process Start(string project, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "run", "--project", Path.Combine(Repository.Root(), "src", project), "--no-build", "-c", Configuration, "--" },
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "ConnectionStrings__ShoeStore" })
        {
            start.Environment.Remove(name);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PINGONE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _started.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _errors.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
