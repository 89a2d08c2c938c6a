namespace Mandate.Client.Ciba;

/// <summary>Gets tokens on behalf of a person who approves on their own device (OpenID Connect CIBA Core 1.0).</summary>
public interface ICibaClient
{
    /// <summary>
    /// Sends the signed authentication request, then waits for the person's decision (poll, or ping with polling as the
    /// fallback) and redeems the token.
    /// </summary>
    /// <param name="request">The request; exactly one hint.</param>
    /// <param name="progress">OPTIONAL. Receives each step (requested with deadline, pending, slowed down, approved, denied, expired).</param>
    /// <param name="cancellationToken">Stops waiting (the request is not re-sent).</param>
    /// <returns>The token response.</returns>
    /// <exception cref="OAuthException">
    /// The OP refused the request (CIBA Core §13) or ended it (§11): <c>access_denied</c>, <c>expired_token</c> (also when the
    /// deadline passes on the client), <c>invalid_grant</c>, <c>invalid_request</c>, ….
    /// </exception>
    /// <exception cref="OAuthProtocolException">The OP's answer broke the protocol (e.g. no <c>auth_req_id</c>).</exception>
    Task<TokenResponse> AuthenticateAsync(BackchannelAuthenticationRequest request, IProgress<CibaProgress>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the signed authentication request (CIBA Core §7.1) and returns the OP's acknowledgement (§7.3) without
    /// waiting: keep it (e.g. in a durable store) and call <see cref="WaitForTokenAsync"/>, now or after a restart.
    /// </summary>
    /// <param name="request">The request; exactly one hint.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The pending request.</returns>
    /// <exception cref="OAuthException">The OP refused the request (CIBA Core §13).</exception>
    /// <exception cref="OAuthProtocolException">The OP's answer broke the protocol (e.g. no <c>auth_req_id</c>).</exception>
    Task<CibaPendingRequest> SendAsync(BackchannelAuthenticationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for the person's decision on a request sent earlier (<see cref="SendAsync"/>, maybe by an earlier process)
    /// and redeems the token: the first poll comes one interval from now; in ping mode the notification (§10.2) wakes
    /// the wait, with polling as the fallback. A token request for an <c>auth_req_id</c> already redeemed is answered
    /// <c>invalid_grant</c> by the OP.
    /// </summary>
    /// <param name="pending">The pending request.</param>
    /// <param name="progress">OPTIONAL. Receives each step.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The token response.</returns>
    /// <exception cref="OAuthException">The OP ended the request (§11): <c>access_denied</c>, <c>expired_token</c>, ….</exception>
    /// <exception cref="OAuthProtocolException">The OP's answer broke the protocol.</exception>
    Task<TokenResponse> WaitForTokenAsync(CibaPendingRequest pending, IProgress<CibaProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
