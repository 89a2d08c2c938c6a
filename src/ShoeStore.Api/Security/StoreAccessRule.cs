namespace ShoeStore.Api.Security;

/// <summary>What an endpoint needs from the access token: a scope, and whether a customer must have approved.</summary>
/// <param name="Scope">The scope required (RFC 6749 §3.3).</param>
/// <param name="RequiresUser">True when the call acts for a customer, so a client-credentials token is not enough.</param>
internal sealed record StoreAccessRule(string Scope, bool RequiresUser)
{
    /// <summary>Decides whether <paramref name="token"/> may make the call.</summary>
    public AccessDecision Evaluate(AccessTokenClaims token)
    {
        if (!token.Scopes.Contains(Scope))
        {
            return AccessDecision.Deny(Scope, $"The access token lacks the '{Scope}' scope this call needs");
        }

        if (RequiresUser && !token.IsDelegatedUser)
        {
            return AccessDecision.Deny(Scope,
                "This call acts for a customer and needs the customer's approval: " +
                $"a token obtained through CIBA with the '{Scope}' scope, not a client-credentials token");
        }

        return AccessDecision.Allow;
    }
}
