namespace Mandate.AI.Tokens;

/// <summary>A Client Credentials token request (RFC 6749 §4.4.2).</summary>
public sealed class ClientTokenRequest
{
    /// <summary>Creates the request.</summary>
    /// <param name="scopes">REQUIRED. The scope values (RFC 6749 §3.3).</param>
    /// <param name="resource">OPTIONAL. The resource indicator (RFC 8707 §2).</param>
    public ClientTokenRequest(IReadOnlyList<string> scopes, string? resource = null)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Scopes = scopes;
        Resource = resource;
    }

    /// <summary>REQUIRED. The scope values (RFC 6749 §3.3).</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>OPTIONAL. The protected resource the token is for (RFC 8707 §2 <c>resource</c>).</summary>
    public string? Resource { get; }
}
