namespace Mandate.Server.Protocol;

/// <summary>The outcome of scope checks: the granted scopes, the token audience and lifetime.</summary>
/// <param name="Scopes">Granted scopes, in request order.</param>
/// <param name="Audience">RFC 9068 <c>aud</c>; null when only OpenID Connect scopes were granted.</param>
/// <param name="AccessTokenLifetime">The shortest lifetime among the granted scopes.</param>
internal sealed record ScopeGrant(IReadOnlyList<string> Scopes, string? Audience, TimeSpan AccessTokenLifetime);
