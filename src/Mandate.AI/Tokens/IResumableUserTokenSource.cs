namespace Mandate.AI.Tokens;

/// <summary>
/// A token source whose user approvals can be waited on in two steps: send the request, keep what the server
/// acknowledged, wait for the decision — possibly in a later process. Tools whose policy keeps the approval across
/// restarts (<see cref="Policies.ToolPolicy.Durable"/>) need it. <c>MandateClientTokenSource</c> implements it.
/// </summary>
public interface IResumableUserTokenSource : IToolTokenSource
{
    /// <summary>Sends the CIBA backchannel authentication request (CIBA Core §7.1) and returns without waiting.</summary>
    /// <param name="request">The user, scopes, binding message and authorization details.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The pending approval, or the OAuth error.</returns>
    Task<UserApprovalRequestResult> RequestUserApprovalAsync(UserTokenRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for the user's decision on <paramref name="pending"/> (poll, or ping with polling as the fallback; CIBA
    /// Core §7.3, §10) and redeems the token.
    /// </summary>
    /// <param name="pending">The approval, as <see cref="RequestUserApprovalAsync"/> returned it.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The token, or the OAuth error (<c>access_denied</c>, <c>expired_token</c>, <c>invalid_grant</c> once redeemed, …).</returns>
    Task<ToolTokenResult> WaitForUserTokenAsync(PendingUserApproval pending, CancellationToken cancellationToken);
}
