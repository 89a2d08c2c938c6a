namespace Mandate.Server.Tokens;

/// <summary>What a successful token request returns (RFC 6749 §5.1; OIDC Core §3.1.3.3 for the ID Token).</summary>
/// <param name="AccessToken">The RFC 9068 access token.</param>
/// <param name="ExpiresIn">Its lifetime.</param>
/// <param name="Scope">The granted scopes, space-separated.</param>
/// <param name="IdToken">The ID Token when <c>openid</c> was granted on the CIBA grant (CIBA §10.1.1), else null.</param>
internal sealed record IssuedTokens(string AccessToken, TimeSpan ExpiresIn, string Scope, string? IdToken);
