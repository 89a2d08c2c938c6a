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
}
