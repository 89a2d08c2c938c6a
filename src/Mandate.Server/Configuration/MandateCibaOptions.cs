namespace Mandate.Server.Configuration;

/// <summary>CIBA settings (section <c>Mandate:Ciba</c>).</summary>
public sealed class MandateCibaOptions
{
    /// <summary>
    /// Whether signed authentication requests must carry <c>jti</c> and <c>nbf</c>, as CIBA Core §7.1.1 says.
    /// Default false: PingOne Advanced Identity Cloud accepts request objects without them (its tutorial sends
    /// neither), so this server does too; without <c>jti</c> a digest of the signed content is kept against replay,
    /// and without <c>nbf</c> the lifetime is measured from <c>iat</c> (docs/security.md).
    /// </summary>
    public bool RequireJtiAndNbf { get; set; }

    /// <summary>
    /// The most requests that may wait for one person's answer at once, from all clients (docs/device.md, "Approval
    /// fatigue"). One more is refused with HTTP 429 <c>slow_down</c> and <c>Retry-After</c>. Default 5; 0: no cap.
    /// </summary>
    public int MaxPendingPerPerson { get; set; } = 5;

    /// <summary>The most requests that may wait for one person's answer at once from one client. Default 3, so one agent
    /// cannot take every place in the person's queue; 0: no cap.</summary>
    public int MaxPendingPerClient { get; set; } = 3;

    /// <summary>
    /// Whether a request identical to one still waiting (same client, person, scopes, binding message,
    /// <c>authorization_details</c> and <c>acr_values</c>) replaces it instead of adding a card: the earlier
    /// <c>auth_req_id</c> expires, and the device shows one request "asked N times". Default true.
    /// </summary>
    public bool CollapseIdenticalRequests { get; set; } = true;
}
