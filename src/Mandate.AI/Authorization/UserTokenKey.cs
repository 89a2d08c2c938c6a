namespace Mandate.AI.Authorization;

/// <summary>
/// What a user token is for: the user, the agent, the scopes, the resource and the authorization details
/// (canonical JSON). Tokens are cached and approvals shared only under an equal key, so a token for one user is
/// never used for another.
/// </summary>
internal readonly record struct UserTokenKey(string LoginHint, string ClientId, string Scopes, string? Resource, string? AuthorizationDetails)
{
    public static UserTokenKey Create(string loginHint, string clientId, IEnumerable<string> scopes, string? resource, string? authorizationDetails) =>
        new(loginHint, clientId, string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), resource, authorizationDetails);

    /// <summary>No personal data in logs or exception messages.</summary>
    public override string ToString() => $"UserTokenKey {{ Scopes = {Scopes} }}";
}
