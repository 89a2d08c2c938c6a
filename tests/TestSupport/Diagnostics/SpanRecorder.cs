using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mandate.TestSupport.Diagnostics;

/// <summary>
/// Records every span that ends from the named <see cref="ActivitySource"/>s, all sampled, for the tests of the
/// components' traces (docs/observability.md). Listening is process-wide and test classes run in parallel, so a test
/// picks its own spans by trace id (<see cref="InTrace"/>). Disposing stops the listening.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    /// <summary>Starts listening to <paramref name="sourceNames"/>.</summary>
    public SpanRecorder(params string[] sourceNames)
    {
        var names = sourceNames.ToHashSet(StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The ended spans of one trace from one source, in the order they ended.</summary>
    public IReadOnlyList<Activity> InTrace(ActivityTraceId trace, string sourceName) =>
        [.. _spans.Where(s => s.TraceId == trace && s.Source.Name == sourceName)];

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
