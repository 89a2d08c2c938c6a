namespace Mandate.AI.Tokens;

/// <summary>
/// The port through which tool authorization gets access tokens. Mandate.AI decides <em>which</em> token a tool
/// needs; an implementation of this interface knows <em>how</em> to get one from an authorization server.
/// <c>MandateClientTokenSource</c> implements it with Mandate.Client; tests implement it with
/// fakes.
/// </summary>
/// <remarks>
/// OAuth errors (<c>access_denied</c>, <c>expired_token</c>, <c>invalid_scope</c>, …) are returned as
/// <see cref="ToolTokenResult"/> values, not thrown. Cancellation is reported by throwing
/// <see cref="OperationCanceledException"/>.
/// </remarks>
public interface IToolTokenSource
{
    /// <summary>The agent's client identifier (RFC 6749 §2.2): part of every cached user token's key.</summary>
    string ClientId { get; }

    /// <summary>
    /// Gets a token for the agent itself with the Client Credentials grant (RFC 6749 §4.4). Implementations are
    /// expected to cache these tokens until shortly before they expire.
    /// </summary>
    /// <param name="request">The scopes and optional resource.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token, or the OAuth error.</returns>
    ValueTask<ToolTokenResult> GetClientTokenAsync(ClientTokenRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Gets a token for the agent acting on behalf of a user who approves on their own device: an OpenID Connect
    /// CIBA backchannel authentication request (CIBA Core §7.1) followed by polling or a ping (CIBA Core §10) until
    /// the user decides or the request expires. Not cached by the caller's contract: Mandate.AI caches user tokens.
    /// </summary>
    /// <param name="request">The user, scopes, binding message and authorization details.</param>
    /// <param name="progress">Told when the request was accepted and how long the user has to decide; may be null.</param>
    /// <param name="cancellationToken">Stops waiting for the user.</param>
    /// <returns>The token, or the OAuth error (<c>access_denied</c> when the user declined, <c>expired_token</c> when the request expired).</returns>
    Task<ToolTokenResult> GetUserTokenAsync(
        UserTokenRequest request, IProgress<UserTokenProgress>? progress, CancellationToken cancellationToken);
}
