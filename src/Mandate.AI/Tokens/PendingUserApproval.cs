namespace Mandate.AI.Tokens;

/// <summary>
/// A user's approval the authorization server has acknowledged (CIBA Core §7.3) and the user has not given yet: what
/// an agent keeps to wait for the decision later, in this process or after a restart
/// (<see cref="IResumableUserTokenSource.WaitForUserTokenAsync"/>). The <c>auth_req_id</c> and the
/// <c>client_notification_token</c> are bearer secrets; <see cref="ToString"/> leaves them out.
/// </summary>
/// <param name="AuthReqId">The server's <c>auth_req_id</c> (CIBA Core §7.3).</param>
/// <param name="ExpiresAt">When the request expires (<c>expires_in</c> counted from when it was sent).</param>
/// <param name="Interval">The polling interval (CIBA Core §7.3 <c>interval</c>).</param>
/// <param name="ClientNotificationToken">In ping mode, the request's <c>client_notification_token</c> (CIBA Core §7.1, §10.2); else null.</param>
public sealed record PendingUserApproval(string AuthReqId, DateTimeOffset ExpiresAt, TimeSpan Interval, string? ClientNotificationToken = null)
{
    /// <summary>Describes the approval without its secrets.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"PendingUserApproval {{ ExpiresAt = {ExpiresAt:O}, Interval = {Interval.TotalSeconds} s }}";
}
