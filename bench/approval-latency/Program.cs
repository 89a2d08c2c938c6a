// Approval → token latency: from the moment the device API's approve call returns to the moment the agent's client
// (Mandate.Client) holds the token, in ping mode and in poll mode. Starts Mandate.Server (the given dll) as a child
// process on loopback with a seed of its own (fresh secrets and keys), measures, and stops it by its PID.
//
//   dotnet Mandate.ApprovalLatency.dll --server-dll <…/Mandate.Server.dll> [--samples 20] [--interval 5]
//                                      [--modes ping,poll] [--poll-think-ms N] [--ping-think-ms 500] [--keep]
//
// bench/approval-latency/run.sh builds both in a private copy and runs it.
using System.Globalization;
using System.Runtime.InteropServices;
using Mandate.ApprovalLatency;

LatencyOptions options;
try
{
    options = LatencyOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: Mandate.ApprovalLatency --server-dll PATH [--samples 20] [--interval 5] [--modes ping,poll] " +
        "[--poll-think-ms N] [--ping-think-ms 500] [--keep]");
    return 2;
}

using var stop = new CancellationTokenSource();
void Cancel(PosixSignalContext context)
{
    context.Cancel = true; // let the finally blocks stop the server
    stop.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

var run = Directory.CreateTempSubdirectory("mandate-approval-latency-");
if (!OperatingSystem.IsWindows())
{
    File.SetUnixFileMode(run.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
}

try
{
    var identities = new BenchIdentities();
    var port = ServerProcess.FreePort();
    var issuer = new Uri($"http://127.0.0.1:{port}/am/oauth2/realms/root/realms/alpha");
    await using var pollAgent = await AgentHost.StartAsync("poll", BenchIdentities.PollClientId, identities.PollSecret, identities.PollJwk, issuer);
    await using var pingAgent = await AgentHost.StartAsync("ping", BenchIdentities.PingClientId, identities.PingSecret, identities.PingJwk, issuer);
    var seed = Path.Combine(run.FullName, "seed.json");
    identities.WriteSeed(seed, pingAgent.NotificationEndpoint);

    await using var server = await ServerProcess.StartAsync(options.ServerDll, port, run.FullName, seed, options.IntervalSeconds);
    Console.WriteLine($"Mandate.Server (pid {server.ProcessId}) at {server.Issuer}; CIBA interval {options.IntervalSeconds} s; " +
        $"ping notifications to {pingAgent.NotificationEndpoint}");
    using var device = new DeviceApi(server.BaseUrl);
    await device.SignInAsync(BenchIdentities.UserName, identities.UserPassword);

    var sampler = new LatencySampler(device, TimeSpan.FromSeconds((options.IntervalSeconds * 3) + 15));
    var results = new List<(string Mode, LatencyStatistics Stats, int ThinkMax)>();
    foreach (var mode in options.Modes)
    {
        var (agent, clientId, thinkMax) = mode == "ping"
            ? (pingAgent, BenchIdentities.PingClientId, options.PingThinkMilliseconds)
            : (pollAgent, BenchIdentities.PollClientId, options.PollThinkMilliseconds);
        // one warm-up sample (JIT, discovery, connections), not counted
        var (_, warmToken) = await sampler.MeasureAsync(agent.Ciba, $"Latency warm-up {mode}", 0, stop.Token);
        Console.WriteLine($"{mode}: token {LatencySampler.Describe(warmToken, clientId)}");

        var samples = new List<double>(options.Samples);
        for (var i = 1; i <= options.Samples; i++)
        {
            var (latency, _) = await sampler.MeasureAsync(agent.Ciba, $"Latency {mode} {i}", thinkMax, stop.Token);
            samples.Add(latency.TotalMilliseconds);
        }

        var stats = LatencyStatistics.From(samples);
        results.Add((mode, stats, thinkMax));
        Console.WriteLine($"{mode}: {stats.Count} samples (think time 0–{thinkMax} ms), median {Ms(stats.Median)} ms, p99 {Ms(stats.P99)} ms, " +
            $"min {Ms(stats.Min)}, max {Ms(stats.Max)}, mean {Ms(stats.Mean)}");
        Console.WriteLine($"  samples ms: {string.Join(' ', samples.Select(Ms))}");
    }

    Console.WriteLine();
    Console.WriteLine("| mode | samples | median ms | p99 ms | min ms | max ms |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
    foreach (var (mode, s, _) in results)
    {
        Console.WriteLine($"| {mode} (interval {options.IntervalSeconds} s) | {s.Count} | {Ms(s.Median)} | {Ms(s.P99)} | {Ms(s.Min)} | {Ms(s.Max)} |");
    }

    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("stopped");
    return 130;
}
finally
{
    if (options.Keep)
    {
        Console.Error.WriteLine($"run folder kept: {run.FullName} (holds secrets; delete it)");
    }
    else
    {
        run.Delete(recursive: true);
    }
}

static string Ms(double value) => value.ToString(Math.Abs(value) >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture);
