using System.Diagnostics;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL cluster that only the restart test uses (scripts/test.sh makes it: <c>mandate-restart</c> on
/// 127.0.0.1:55433): <c>MANDATE_TEST_POSTGRES_RESTART</c> holds its connection string and
/// <c>MANDATE_TEST_POSTGRES_RESTART_CLUSTER</c> its <c>version/name</c> for <c>pg_ctlcluster</c>, which needs root.
/// Stopping the shared cluster instead would break every test running beside it.
/// </summary>
public static class RestartablePostgreSql
{
    public const string VariableName = "MANDATE_TEST_POSTGRES_RESTART";

    /// <summary>The connection string (a role that may create databases), or null.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value ? value : null;

    /// <summary>Why the restart test cannot run here, or null when it can.</summary>
    public static string? SkipReason =>
        ConnectionString is null || Cluster is null
            ? $"PostgreSQL restart test skipped: {VariableName} and {VariableName}_CLUSTER are not set (scripts/test.sh sets them)"
            : !Environment.IsPrivilegedProcess
                ? "PostgreSQL restart test skipped: pg_ctlcluster needs root"
                : null;

    private static string[]? Cluster =>
        Environment.GetEnvironmentVariable(VariableName + "_CLUSTER") is { } value && value.Split('/') is [var version, var name]
            ? [version, name]
            : null;

    /// <summary>Stops the cluster (fast: open sessions are ended, as in a crash or a restart).</summary>
    public static Task StopAsync() => ControlAsync("stop", "-m", "fast");

    /// <summary>Starts the cluster and waits until it accepts connections (bounded).</summary>
    public static Task StartAsync() => ControlAsync("start");

    private static async Task ControlAsync(params string[] action)
    {
        var cluster = Cluster ?? throw new InvalidOperationException(SkipReason);
        var start = new ProcessStartInfo("pg_ctlcluster") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in cluster.Concat(action))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"pg_ctlcluster {string.Join(' ', action)} failed: {await output}{await error}");
    }
}
