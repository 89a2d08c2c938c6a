using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
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

    private MandateServerProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client for the instance (the base address is its loopback URL).</summary>
    public HttpClient Client { get; }

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

    /// <summary>Starts the server on <paramref name="connectionString"/> and waits (at most 90 s) until discovery answers.</summary>
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

        var baseAddress = new Uri("http://127.0.0.1:" + FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", baseAddress.ToString().TrimEnd('/'), "--seed", seedFile },
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
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new MandateServerProcess(process, dataDirectory, baseAddress);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            return server;
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
        Client.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
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
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
