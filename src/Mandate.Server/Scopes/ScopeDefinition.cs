namespace Mandate.Server.Scopes;

/// <summary>A registered scope: its plain-language description, its resource server and its token lifetime.</summary>
/// <param name="Name">Scope value.</param>
/// <param name="Description">Plain-language description shown on the user's device.</param>
/// <param name="Resource">Audience (RFC 9068 §3) of tokens carrying this scope; null for OpenID Connect scopes.</param>
/// <param name="AccessTokenLifetime">Lifetime of access tokens carrying this scope.</param>
internal sealed record ScopeDefinition(string Name, string Description, string? Resource, TimeSpan AccessTokenLifetime)
{
    /// <summary>OpenIddict scope property holding the lifetime in seconds.</summary>
    public const string LifetimeProperty = "access_token_lifetime";
}
