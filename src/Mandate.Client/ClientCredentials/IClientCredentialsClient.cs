namespace Mandate.Client.ClientCredentials;

/// <summary>Gets access tokens for the agent itself with the Client Credentials grant (RFC 6749 §4.4).</summary>
public interface IClientCredentialsClient
{
    /// <summary>
    /// Returns a token for <paramref name="scope"/> (and <paramref name="resource"/>): from the cache while it is valid
    /// (no HTTP request), else from the token endpoint.
    /// </summary>
    /// <param name="scope">Space-separated scopes (RFC 6749 §3.3); order and duplicates do not matter. Empty: no <c>scope</c> parameter.</param>
    /// <param name="resource">OPTIONAL. An RFC 8707 resource indicator (absolute URI).</param>
    /// <param name="cancellationToken">Stops this caller's wait.</param>
    /// <returns>The token.</returns>
    /// <exception cref="OAuthException">The token endpoint answered with an OAuth error (e.g. <c>invalid_client</c>, <c>invalid_scope</c>).</exception>
    ValueTask<TokenResponse> GetTokenAsync(string scope, string? resource = null, CancellationToken cancellationToken = default);
}
