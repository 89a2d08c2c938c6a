using Mandate.AI.Diagnostics;
using Mandate.Client.Diagnostics;
using Mandate.Server.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ShoeStore.Api.Diagnostics;

namespace ShoeStore.Demo.Hosting;

/// <summary>
/// The demo's traces with OpenTelemetry: one tracer provider for the process, which holds the agent, the authorization
/// server and the store, so a purchase is one trace from the assistant's tool call through <c>/bc-authorize</c>, the
/// person's decision and the token to the order (docs/observability.md).
/// </summary>
internal static class DemoTracing
{
    /// <summary>The service name the spans are reported under.</summary>
    public const string ServiceName = "ShoeStore.Demo";

    /// <summary>Every <c>ActivitySource</c> of the system: the three Mandate libraries and the store.</summary>
    public static readonly IReadOnlyList<string> Sources =
    [
        MandateAITelemetry.ActivitySourceName,
        MandateClientTelemetry.ActivitySourceName,
        MandateServerTelemetry.ActivitySourceName,
        ShoeStoreTelemetry.ActivitySourceName,
    ];

    /// <summary>Starts recording for <paramref name="traces"/>; null for <see cref="DemoTraces.Off"/>. Dispose to flush.</summary>
    public static TracerProvider? Start(DemoTraces traces) => traces switch
    {
        DemoTraces.Console => Sdk.CreateTracerProviderBuilder().AddDemoSources().AddConsoleExporter().Build(),
        DemoTraces.Otlp => Sdk.CreateTracerProviderBuilder().AddDemoSources().AddOtlpExporter().Build(),
        _ => null,
    };

    /// <summary>The system's sources and ASP.NET Core's and HttpClient's spans, which carry the trace between them.</summary>
    public static TracerProviderBuilder AddDemoSources(this TracerProviderBuilder builder) => builder
        .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(ServiceName))
        .AddSource([.. Sources])
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation();
}
