using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mandate.ApprovalLatency;

/// <summary>
/// Mandate.Server as a child process on a free loopback port, with its own data folder and the run's seed.
/// Disposing stops exactly that process (by its PID) and waits for it, bounded.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, Uri baseUrl)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        Issuer = new Uri(baseUrl, "am/oauth2/realms/root/realms/alpha");
    }

    public Uri BaseUrl { get; }

    public Uri Issuer { get; }

    public int ProcessId => _process.Id;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and waits (at most 90 s) until its discovery document answers.</summary>
    public static async Task<ServerProcess> StartAsync(string dll, int port, string runFolder, string seedPath, int intervalSeconds)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = runFolder,
        };
        foreach (var argument in new[] { dll, "--urls", baseUrl.AbsoluteUri.TrimEnd('/'), "--seed", seedPath })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Mandate__DataDirectory"] = Path.Combine(runFolder, "data");
        start.Environment["Mandate__Issuer"] = new Uri(baseUrl, "am/oauth2/realms/root/realms/alpha").AbsoluteUri;
        start.Environment["Mandate__SeedDemo"] = "false";
        start.Environment["Mandate__CibaIntervalSeconds"] = intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Many agents ask the same person at once: the approval-fatigue caps (docs/device.md) would refuse most of them.
        start.Environment["Mandate__Ciba__MaxPendingPerPerson"] = "0";
        start.Environment["Mandate__Ciba__MaxPendingPerClient"] = "0";

        var log = new StreamWriter(Path.Combine(runFolder, "server.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, baseUrl);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var discovery = new Uri(server.Issuer + "/.well-known/openid-configuration");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(discovery);
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start on a loaded machine
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"Mandate.Server did not answer discovery within 90 s; see {Path.Combine(runFolder, "server.log")} (--keep keeps it)");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // it was sent SIGKILL; nothing more to do
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
