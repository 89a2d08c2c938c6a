namespace ShoeStore.Demo.Hosting;

/// <summary>Where the demo sends its traces (<c>--traces</c>, docs/observability.md).</summary>
internal enum DemoTraces
{
    /// <summary>Nowhere: no spans are recorded.</summary>
    Off,

    /// <summary>Each finished span printed to standard output.</summary>
    Console,

    /// <summary>OTLP to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other <c>OTEL_EXPORTER_OTLP_*</c> variables).</summary>
    Otlp,
}
