using Mandate.Server.Scopes;

namespace Mandate.Server.Protocol;

/// <summary>
/// Scope checks shared by the token and backchannel endpoints (RFC 6749 §3.3, RFC 9068 §3, RFC 9700 §2.3).
/// Checks, in order: present and well-formed; no repeats; every value registered; every value allowed for the
/// client; OpenID Connect scopes refused on client credentials; all resource scopes map to one audience.
/// </summary>
internal static class ScopePolicy
{
    /// <summary>OpenID Connect scopes (no resource server).</summary>
    public static readonly IReadOnlySet<string> OpenIdScopes = new HashSet<string>(StringComparer.Ordinal) { "openid", "profile", "email" };

    /// <summary>Evaluates a requested scope string.</summary>
    /// <param name="scope">The raw <c>scope</c> parameter.</param>
    /// <param name="allowed">Scopes registered for the client.</param>
    /// <param name="catalog">Registered scopes.</param>
    /// <param name="clientCredentials">True for the client credentials grant (no user, so no OpenID Connect scopes).</param>
    public static Result<ScopeGrant> Evaluate(string? scope, IReadOnlySet<string> allowed, Func<string, ScopeDefinition?> catalog, bool clientCredentials)
    {
        if (string.IsNullOrWhiteSpace(scope))
        {
            return clientCredentials
                ? OAuthError.InvalidScope("The scope parameter is required.")
                : OAuthError.InvalidRequest("The scope parameter is required.");
        }

        var values = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (values.Length > 20 || values.Any(v => v.Length > 100 || v.Any(c => c < 0x21 || c > 0x7E || c is '"' or '\\')))
        {
            return OAuthError.InvalidScope("The scope parameter is malformed.");
        }

        var definitions = new List<ScopeDefinition>();
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            if (catalog(value) is not { } definition)
            {
                return OAuthError.InvalidScope("The scope '" + value + "' is not registered.");
            }

            if (!allowed.Contains(value))
            {
                return OAuthError.InvalidScope("The client is not allowed to request the scope '" + value + "'.");
            }

            if (clientCredentials && (OpenIdScopes.Contains(value) || definition.Resource is null))
            {
                return OAuthError.InvalidScope("The scope '" + value + "' needs a user and cannot be used with client credentials.");
            }

            definitions.Add(definition);
        }

        var audiences = definitions.Where(d => d.Resource is not null).Select(d => d.Resource!).Distinct(StringComparer.Ordinal).ToList();
        if (audiences.Count > 1)
        {
            return OAuthError.InvalidScope("The requested scopes belong to different resource servers; request them separately.");
        }

        var lifetime = definitions.Count == 0 ? ScopeCatalog.DefaultLifetime : definitions.Min(d => d.AccessTokenLifetime);
        return new ScopeGrant(definitions.Select(d => d.Name).ToList(), audiences.SingleOrDefault(), lifetime);
    }
}
