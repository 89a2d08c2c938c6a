namespace Mandate.Server.Protocol;

/// <summary>
/// RFC 8707 resource indicators: the <c>resource</c> a client names (on a client-credentials token request, or as a
/// claim of a CIBA request object) becomes the access token's <c>aud</c> (RFC 8707 §2.2), in place of the resource
/// server the scopes name. It must be one of the resources registered for the client (the seed's <c>resources</c>);
/// anything else is <c>invalid_target</c> (RFC 8707 §2). Without it the audience is the scopes' (ScopePolicy).
/// </summary>
internal static class ResourceIndicator
{
    /// <summary>The largest value looked at; longer is refused.</summary>
    public const int MaxLength = 2048;

    /// <summary>
    /// The audience <paramref name="resource"/> selects: null when none was asked for, else the resource itself, or the
    /// <c>invalid_target</c> error when it is malformed (a fragment, RFC 8707 §2) or not registered for the client.
    /// </summary>
    public static Result<string?> Select(string? resource, IReadOnlySet<string> registered)
    {
        if (resource is null)
        {
            return (string?)null;
        }

        if (resource.Length is 0 or > MaxLength || resource.Contains('#'))
        {
            return OAuthError.InvalidTarget("The resource must be an absolute URI without a fragment (RFC 8707 §2).");
        }

        return registered.Contains(resource)
            ? resource
            : OAuthError.InvalidTarget("The resource is not registered for this client.");
    }
}
