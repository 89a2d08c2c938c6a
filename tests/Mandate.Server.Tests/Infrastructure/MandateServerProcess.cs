using System.Diagnostics;
using System.Text;
using Mandate.Server.Seeding;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>
/// Mandate.Server as a real child process (<c>dotnet Mandate.Server.dll</c>, the build next to the tests) on a free
/// loopback port, with the same issuer as <see cref="MandateTestServer"/>, so that one seed's client assertions and
/// request objects work on both. Its output is kept, not printed, and shown only in a failure message.
/// </summary>
public sealed class MandateServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly StringBuilder _output = new();

    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MandateServerProcess(Process process, string dataDirectory)
    {
        _process = process;
        _dataDirectory = dataDirectory;
    }

    /// <summary>A client for the instance (the base address is its loopback URL).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server on <paramref name="connectionString"/>, on a port the operating system picks (it reads the
    /// address from the host's "Now listening on" line), and waits (at most 90 s) until discovery answers.</summary>
    public static async Task<MandateServerProcess> StartAsync(TestSeed seed, string connectionString)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Mandate.Server.dll");
        var dataDirectory = Directory.CreateTempSubdirectory("mandate-process-").FullName;
        var seedFile = Path.Combine(dataDirectory, "seed.json");
        await File.WriteAllTextAsync(seedFile, JsonSerializer.Serialize(seed.Build(), SeedDocument.JsonOptions));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(seedFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0", "--seed", seedFile },
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Mandate__Issuer"] = MandateTestServer.Issuer,
                ["Mandate__DataDirectory"] = dataDirectory,
                ["Mandate__SignInAttemptsPerMinute"] = "1000",
                ["ConnectionStrings__Mandate"] = connectionString,
                ["DOTNET_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            },
        };
        foreach (var (key, value) in TestServerHost.NoApprovalFatigueLimits)
        {
            start.Environment["Mandate__Ciba__" + key] = value;
        }

        return await LaunchAsync(start, dataDirectory);
    }

    /// <summary>
    /// Starts the server as a newcomer does (docs/server.md): no seed file, so the demo seed and <c>demo.env</c> are
    /// written on the first start; SQLite in its data directory; on a free loopback port that its issuer names, so the
    /// URLs in <c>demo.env</c> reach it. Waits (at most 90 s) until discovery answers.
    /// </summary>
    public static async Task<MandateServerProcess> StartDemoAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Mandate.Server.dll");
        var dataDirectory = Directory.CreateTempSubdirectory("mandate-demo-").FullName;
        var baseUrl = "http://127.0.0.1:" + FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", baseUrl },
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Mandate__Issuer"] = baseUrl + new Uri(MandateTestServer.Issuer).AbsolutePath,
                ["Mandate__DataDirectory"] = dataDirectory,
                ["DOTNET_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return await LaunchAsync(start, dataDirectory);
    }

    /// <summary>Where the instance's <c>demo.env</c> is (written on a demo start).</summary>
    public string DemoEnvPath => Path.Combine(_dataDirectory, "demo.env");

    /// <summary>The <c>KEY=value</c> lines of the instance's <c>demo.env</c> (a value in single quotes without them).</summary>
    public IReadOnlyDictionary<string, string> ReadDemoEnvironment()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(DemoEnvPath))
        {
            if (line.IndexOf('=') is var at and > 0 && !line.StartsWith('#'))
            {
                var value = line[(at + 1)..];
                values[line[..at]] = value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;
            }
        }

        return values;
    }

    private static async Task<MandateServerProcess> LaunchAsync(ProcessStartInfo start, string dataDirectory)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new MandateServerProcess(process, dataDirectory);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => server._listening.TrySetException(
            new InvalidOperationException("Mandate.Server exited before listening:\n" + server.Output));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var baseAddress = await server._listening.Task.WaitAsync(limit.Token);
            server.Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            return server;
        }
        catch (OperationCanceledException)
        {
            var output = server.Output;
            await server.DisposeAsync();
            throw new TimeoutException("Mandate.Server did not report its address within 90 s:\n" + output);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The path of an endpoint under the issuer, on this instance.</summary>
    public static string Endpoint(string relative) => new Uri(MandateTestServer.Issuer).AbsolutePath + "/" + relative;

    /// <summary>Ends the process at once (SIGKILL): no shutdown code runs, open connections just drop.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(wait.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                await KillAsync();
            }
        }
        finally
        {
            // The folder holds the seed file with its secrets: it goes even when the process would not die in time.
            _process.Dispose();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("Mandate.Server exited with " + _process.ExitCode + ":\n" + Output);
            }

            try
            {
                using var response = await Client.GetAsync(Endpoint(".well-known/openid-configuration"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("Mandate.Server did not answer within " + limit.TotalSeconds + " s:\n" + Output);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        const string Listening = "Now listening on: ";
        if (line.IndexOf(Listening, StringComparison.Ordinal) is var at and >= 0)
        {
            _listening.TrySetResult(new Uri(line[(at + Listening.Length)..].Trim()));
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
