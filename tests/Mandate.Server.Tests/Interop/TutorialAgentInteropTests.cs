using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;

namespace Mandate.Server.Tests.Interop;

/// <summary>
/// The PingOne AIC tutorial's own agent code (tests/interop/tutorial-agent.mjs: Client Credentials for <c>prices</c>,
/// then <c>getCibaToken('payment', 'end.user', product)</c>, request objects without <c>jti</c>, with or without
/// <c>nbf</c>) against a real Mandate.Server process started as a newcomer starts it, with the variables of its
/// <c>demo.env</c>; a person approves through the device API. Every wait is bounded.
/// </summary>
public sealed class TutorialAgentInteropTests(TutorialAgentInteropTests.DemoServerFixture fixture) : IClassFixture<TutorialAgentInteropTests.DemoServerFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>One demo server process for the class (interval 1 s, so that the tutorial's polling is quick).</summary>
    public sealed class DemoServerFixture : IAsyncLifetime
    {
        public MandateServerProcess Server { get; private set; } = null!;

        public IReadOnlyDictionary<string, string> DemoEnvironment { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = await MandateServerProcess.StartDemoAsync(new Dictionary<string, string> { ["Mandate__CibaIntervalSeconds"] = "1" });
            DemoEnvironment = Server.ReadDemoEnvironment();
        }

        public async Task DisposeAsync()
        {
            if (Server is not null)
            {
                await Server.DisposeAsync();
            }
        }
    }

    [Fact]
    public Task TutorialCode_NbfDefined_GetsPricesAndAnApprovedPaymentToken() =>
        RunTutorialAsync("nbf-defined", "Allen Edmonds Park Avenue Cap-Toe Oxford");

    [Fact]
    public Task TutorialCode_NbfLineDeleted_GetsPricesAndAnApprovedPaymentToken() =>
        RunTutorialAsync("nbf-deleted", "Nike Air Zoom Pegasus 41");

    private async Task RunTutorialAsync(string variant, string productName)
    {
        var env = fixture.DemoEnvironment;
        var bindingMessage = $"Allow agent to place order for {productName}?";
        using var agent = StartTutorialAgent(variant, productName, env);

        await ApproveOnTheDeviceAsync(bindingMessage, env["DEMO_END_USER"], env["DEMO_END_USER_PASSWORD"], agent);
        var (exitCode, lines, errors) = await agent.FinishAsync(Bound);
        Assert.True(exitCode == 0, $"tutorial-agent.mjs exited with {exitCode}:\n{string.Join('\n', lines)}\n{errors}\n{fixture.Server.Output}");

        var prices = Assert.Single(lines, l => l.GetProperty("step").GetString() == "prices").GetProperty("claims");
        Assert.Equal(env["PINGONE_CLIENT_ID"], prices.GetProperty("sub").GetString());
        Assert.Equal("prices", prices.GetProperty("scope").GetString());

        var payment = Assert.Single(lines, l => l.GetProperty("step").GetString() == "payment").GetProperty("claims");
        Assert.NotEqual(env["PINGONE_CLIENT_ID"], payment.GetProperty("sub").GetString());
        Assert.Equal(env["PINGONE_CLIENT_ID"], payment.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal("payment", payment.GetProperty("scope").GetString());
    }

    /// <summary>Signs in as the person, waits (bounded) for the request with this binding message and approves it.</summary>
    private async Task ApproveOnTheDeviceAsync(string bindingMessage, string username, string password, TutorialAgent agent)
    {
        using var device = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = fixture.Server.Client.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var signIn = await device.PostAsJsonAsync("/device/api/session", new { username, password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        var deadline = DateTime.UtcNow + Bound;
        string? id = null;
        while (id is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "No pending request with the binding message within " + Bound.TotalSeconds + " s:\n" + agent.Snapshot());
            Assert.False(agent.HasExited, "tutorial-agent.mjs ended before its request was approved:\n" + agent.Snapshot());
            var pending = await device.GetFromJsonAsync<JsonElement>("/device/api/requests");
            id = pending.EnumerateArray()
                .Where(r => r.GetProperty("binding_message").GetString() == bindingMessage)
                .Select(r => r.GetProperty("id").GetString())
                .FirstOrDefault();
            if (id is null)
            {
                await Task.Delay(200);
            }
        }

        using var approve = new StringContent("{}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await device.PostAsync($"/device/api/requests/{id}/approve", approve)).StatusCode);
    }

    private static TutorialAgent StartTutorialAgent(string variant, string productName, IReadOnlyDictionary<string, string> env)
    {
        var script = Path.Combine(Path.GetDirectoryName(NodeRelyingParty.ScriptPath())!, "tutorial-agent.mjs");
        var info = new ProcessStartInfo("node")
        {
            ArgumentList = { script, variant, productName },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in env.Where(e => e.Key.StartsWith("PINGONE_", StringComparison.Ordinal)))
        {
            info.Environment[key] = value;
        }

        return new TutorialAgent(Process.Start(info) ?? throw new InvalidOperationException("node did not start"));
    }

    /// <summary>The node process and what it printed.</summary>
    private sealed class TutorialAgent : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _errors = new();

        public TutorialAgent(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
            _process.ErrorDataReceived += (_, e) => Append(_errors, e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public string Snapshot()
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output
            }

            lock (_output)
            {
                return _output + "\n" + _errors;
            }
        }

        /// <summary>Waits (bounded) for the exit; returns the exit code and the JSON lines it printed.</summary>
        public async Task<(int ExitCode, List<JsonElement> Lines, string Errors)> FinishAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cancel.Token);
            _process.WaitForExit(); // the process has exited: this only drains the redirected output
            lock (_output)
            {
                var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => JsonDocument.Parse(l).RootElement.Clone())
                    .ToList();
                return (_process.ExitCode, lines, _errors.ToString());
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private void Append(StringBuilder target, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                target.AppendLine(line);
            }
        }
    }
}
