namespace Mandate.Client.Ciba;

/// <summary>
/// A backchannel authentication request the OP accepted and the person has not answered yet: what a client keeps to
/// wait for the decision later, in this process or in the next one (<see cref="ICibaClient.WaitForTokenAsync"/>). The
/// <c>auth_req_id</c> and the <c>client_notification_token</c> are bearer secrets: keep them as a token is kept, and
/// note that <see cref="ToString"/> leaves them out.
/// </summary>
/// <param name="AuthReqId">The OP's <c>auth_req_id</c> (CIBA Core §7.3).</param>
/// <param name="Deadline">When the request expires: <c>expires_in</c> counted from when it was sent.</param>
/// <param name="Interval">The polling interval (CIBA Core §7.3 <c>interval</c>; 5 s when the OP sent none).</param>
/// <param name="ClientNotificationToken">
/// In ping mode, the <c>client_notification_token</c> the request carried (CIBA Core §7.1), with which the OP's ping
/// is recognised (§10.2); null in poll mode.
/// </param>
public sealed record CibaPendingRequest(string AuthReqId, DateTimeOffset Deadline, TimeSpan Interval, string? ClientNotificationToken = null)
{
    /// <summary>Describes the request without its secrets.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        $"CibaPendingRequest {{ Deadline = {Deadline:O}, Interval = {Interval.TotalSeconds} s, Ping = {ClientNotificationToken is not null} }}";
}
