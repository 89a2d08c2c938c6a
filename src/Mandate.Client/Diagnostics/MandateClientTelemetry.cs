using System.Diagnostics;

namespace Mandate.Client.Diagnostics;

/// <summary>
/// The agent side's traces (W3C Trace Context): an <see cref="ActivitySource"/> named <see cref="ActivitySourceName"/>
/// with a span per CIBA authentication (<c>ciba.authenticate</c>: the signed request, then the wait for the person,
/// <c>ciba.wait</c>; in two steps, <c>SendAsync</c>'s <c>ciba.authenticate</c> covers the request and
/// <c>WaitForTokenAsync</c>'s <c>ciba.wait</c> the wait) and per Client Credentials request sent (<c>oauth.client_credentials</c>; a cache hit sends
/// nothing and makes no span). The HTTP calls run inside these spans, so <c>HttpClient</c> carries their
/// <c>traceparent</c> to the authorization server. Attributes name the client, the delivery mode, the scopes of a
/// Client Credentials request, the polls and the outcome; never a token, <c>auth_req_id</c>, login hint, binding
/// message or authorization detail.
/// </summary>
public static class MandateClientTelemetry
{
    /// <summary>The name to listen to, e.g. OpenTelemetry's <c>AddSource("Mandate.Client")</c>.</summary>
    public const string ActivitySourceName = "Mandate.Client";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>Marks <paramref name="activity"/> as ended by an OAuth error (RFC 6749 §5.2, CIBA §11).</summary>
    internal static void Failed(Activity? activity, string error)
    {
        activity?.SetTag("oauth.error", error);
        activity?.SetStatus(ActivityStatusCode.Error, error);
    }
}
