using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>Runs <c>node tests/interop/mcp-client.mjs</c> (npm @modelcontextprotocol/sdk) once and reads its JSON line.</summary>
public static class NodeMcpClient
{
    public static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop", "mcp-client.mjs");
            if (File.Exists(candidate))
            {
                Assert.True(Directory.Exists(Path.Combine(dir.FullName, "tests", "interop", "node_modules", "@modelcontextprotocol", "sdk")),
                    "run: npm ci --prefix tests/interop (scripts/test.sh does)");
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/interop/mcp-client.mjs not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs the client against <paramref name="url"/>; the token goes through the environment.</summary>
    public static async Task<(int ExitCode, JsonElement Line)> RunAsync(string url, string? token, string? tool = null, string? arguments = null)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ScriptPath());
        info.ArgumentList.Add("--url");
        info.ArgumentList.Add(url);
        if (tool is not null)
        {
            info.ArgumentList.Add("--tool");
            info.ArgumentList.Add(tool);
        }

        if (arguments is not null)
        {
            info.ArgumentList.Add("--arguments");
            info.ArgumentList.Add(arguments);
        }

        info.Environment.Remove("MCP_TOKEN");
        if (token is not null)
        {
            info.Environment["MCP_TOKEN"] = token;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            Assert.True(line is not null, "mcp-client.mjs printed nothing: " + stderr);
            return (process.ExitCode, JsonDocument.Parse(line).RootElement.Clone());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
