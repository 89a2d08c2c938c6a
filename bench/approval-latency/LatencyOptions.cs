using System.Globalization;

namespace Mandate.ApprovalLatency;

/// <summary>The command line: <c>--server-dll PATH [--samples 20] [--interval 5] [--modes poll,ping] [--poll-think-ms N] [--ping-think-ms N] [--keep]</c>.</summary>
internal sealed class LatencyOptions
{
    public required string ServerDll { get; init; }

    /// <summary>Measured samples per mode (one more, first, warms up and is not counted).</summary>
    public int Samples { get; init; } = 20;

    /// <summary>The server's CIBA <c>interval</c> (<c>Mandate__CibaIntervalSeconds</c>): how often a poll-mode client polls.</summary>
    public int IntervalSeconds { get; init; } = 5;

    public IReadOnlyList<string> Modes { get; init; } = ["ping", "poll"];

    /// <summary>
    /// Upper bound of the person's random "think time" before approving, per mode. In poll mode it spreads the approval
    /// over the poll interval (default: the whole interval), so the samples show the mean wait, not one phase of it.
    /// </summary>
    public int PollThinkMilliseconds { get; init; }

    public int PingThinkMilliseconds { get; init; } = 500;

    /// <summary>Keep the run folder (server log, seed with secrets) for inspection.</summary>
    public bool Keep { get; init; }

    public static LatencyOptions Parse(IReadOnlyList<string> args)
    {
        string? dll = null;
        int samples = 20, interval = 5, pingThink = 500;
        int? pollThink = null;
        IReadOnlyList<string> modes = ["ping", "poll"];
        var keep = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--server-dll": dll = Next(); break;
                case "--samples": samples = Int(Next(), 1, 200, "--samples"); break;
                case "--interval": interval = Int(Next(), 1, 30, "--interval"); break;
                case "--poll-think-ms": pollThink = Int(Next(), 0, 60_000, "--poll-think-ms"); break;
                case "--ping-think-ms": pingThink = Int(Next(), 0, 60_000, "--ping-think-ms"); break;
                case "--modes":
                    modes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (modes.Count == 0 || modes.Any(m => m is not ("poll" or "ping")))
                    {
                        throw new ArgumentException("--modes takes poll, ping or both (poll,ping)");
                    }

                    break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        if (dll is null || !File.Exists(dll))
        {
            throw new ArgumentException("--server-dll must name the built Mandate.Server.dll");
        }

        return new LatencyOptions
        {
            ServerDll = Path.GetFullPath(dll),
            Samples = samples,
            IntervalSeconds = interval,
            Modes = modes,
            PollThinkMilliseconds = pollThink ?? interval * 1000,
            PingThinkMilliseconds = pingThink,
            Keep = keep,
        };
    }

    private static int Int(string value, int min, int max, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be an integer {min}..{max}");
}
