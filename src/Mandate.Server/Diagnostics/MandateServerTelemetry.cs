using System.Diagnostics;

namespace Mandate.Server.Diagnostics;

/// <summary>
/// The server's traces (W3C Trace Context): an <see cref="ActivitySource"/> named <see cref="ActivitySourceName"/>
/// with a span per CIBA request (<c>ciba.backchannel_authentication</c>), per token request (<c>oauth.token</c>), per
/// decision on the person's device (<c>ciba.decision</c>) and per ping (<c>ciba.ping</c>). The decision and the ping
/// belong to the trace of the request they answer: its trace context is kept with the request, so the agent's trace
/// runs from its tool call through the approval to the order. Span attributes name the client, the grant, the
/// delivery mode, the decision and the OAuth error; never a token, secret, user id, binding message or
/// authorization detail (docs/observability.md).
/// </summary>
public static class MandateServerTelemetry
{
    /// <summary>The name to listen to, e.g. OpenTelemetry's <c>AddSource("Mandate.Server")</c>.</summary>
    public const string ActivitySourceName = "Mandate.Server";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>The W3C <c>traceparent</c> of the current span, to keep with a request; null outside a W3C trace.</summary>
    internal static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>Starts a span in the trace a kept <c>traceparent</c> names, linked to the current span (the device's or
    /// the dispatcher's own work); without one (or one that does not parse), a child of the current span.</summary>
    internal static Activity? StartInTraceOf(string name, string? traceParent)
    {
        if (!ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent))
        {
            return Source.StartActivity(name);
        }

        ActivityLink[]? links = Source.HasListeners() && Activity.Current is { } current ? [new ActivityLink(current.Context)] : null;
        return Source.StartActivity(name, ActivityKind.Internal, parent, tags: null, links);
    }

    /// <summary>Marks <paramref name="activity"/> as failed with an OAuth error code (RFC 6749 §5.2, CIBA §13).</summary>
    internal static void Refused(Activity? activity, string error)
    {
        activity?.SetTag("oauth.error", error);
        activity?.SetStatus(ActivityStatusCode.Error, error);
    }
}
