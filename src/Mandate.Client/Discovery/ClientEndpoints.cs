namespace Mandate.Client.Discovery;

/// <summary>The endpoints and request-object audience in use, from the options and, where they are silent, discovery.</summary>
/// <param name="TokenEndpoint">The token endpoint (RFC 6749 §3.2).</param>
/// <param name="BackchannelAuthenticationEndpoint">The backchannel authentication endpoint (CIBA Core §7), if known.</param>
/// <param name="RequestObjectAudience">The <c>aud</c> of request objects (CIBA Core §7.1.1), if known.</param>
internal sealed record ClientEndpoints(Uri TokenEndpoint, Uri? BackchannelAuthenticationEndpoint, string? RequestObjectAudience)
{
    /// <summary>The token endpoint as configured or discovered, part of the token cache key.</summary>
    public string TokenEndpointKey { get; } = TokenEndpoint.OriginalString;
}
