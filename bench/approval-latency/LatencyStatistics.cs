namespace Mandate.ApprovalLatency;

/// <summary>Median, p99 (nearest rank: with 20 samples it is the largest), min, max and mean, in milliseconds.</summary>
internal sealed record LatencyStatistics(int Count, double Median, double P99, double Min, double Max, double Mean)
{
    public static LatencyStatistics From(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        var p99 = sorted[Math.Max(0, (int)Math.Ceiling(0.99 * n) - 1)];
        return new LatencyStatistics(n, median, p99, sorted[0], sorted[^1], sorted.Average());
    }
}
