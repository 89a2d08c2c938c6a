using System.Diagnostics;

namespace Mandate.AI.Diagnostics;

/// <summary>
/// Tool calls' traces (W3C Trace Context): an <see cref="ActivitySource"/> named <see cref="ActivitySourceName"/> with
/// a span per call of an authorized tool (<c>mandate.tool_call</c>) that covers its authorization (a Client Credentials
/// token, or the person's CIBA approval and its wait), a step-up, and the tool's own work. The token requests and the
/// tool's HTTP calls are made inside it, so one trace runs from the model's tool call through the authorization server
/// to the API. Attributes: the tool's name (<c>gen_ai.tool.name</c>, as in OpenTelemetry's GenAI conventions) and the
/// outcome; never an argument, a token or a result.
/// </summary>
public static class MandateAITelemetry
{
    /// <summary>The name to listen to, e.g. OpenTelemetry's <c>AddSource("Mandate.AI")</c>.</summary>
    public const string ActivitySourceName = "Mandate.AI";

    internal static readonly ActivitySource Source = new(ActivitySourceName);
}
