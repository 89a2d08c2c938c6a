using System.Diagnostics;
using System.Text.Json;

namespace Mandate.Client.Tokens;

/// <summary>
/// A successful token response (RFC 6749 §5.1; for CIBA, CIBA Core §10.1.1 and OpenID Connect Core §3.1.3.3).
/// <see cref="ToString"/> and the debugger never show <see cref="AccessToken"/>, <see cref="RefreshToken"/> or
/// <see cref="IdToken"/>.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class TokenResponse
{
    /// <summary>REQUIRED. The access token (RFC 6749 §5.1 <c>access_token</c>).</summary>
    public required string AccessToken { get; init; }

    /// <summary>REQUIRED. The token type, normally <c>Bearer</c> (RFC 6749 §7.1, RFC 6750).</summary>
    public string TokenType { get; init; } = "Bearer";

    /// <summary>RECOMMENDED. The lifetime the server gave (<c>expires_in</c>), if any.</summary>
    public TimeSpan? ExpiresIn { get; init; }

    /// <summary>When the token expires, from <see cref="ExpiresIn"/> and the time the response was received.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The granted scope (RFC 6749 §5.1 <c>scope</c>), space-separated, when the server sent it.</summary>
    public string? Scope { get; init; }

    /// <summary>OPTIONAL. A refresh token (RFC 6749 §1.5).</summary>
    public string? RefreshToken { get; init; }

    /// <summary>The ID Token, which CIBA token responses carry (CIBA Core §10.1.1).</summary>
    public string? IdToken { get; init; }

    /// <summary>The granted authorization details (RFC 9396 §7), a JSON array, when the server sent them.</summary>
    public JsonElement? AuthorizationDetails { get; init; }

    /// <summary>The value for an HTTP <c>Authorization</c> header: <c>Bearer {access_token}</c> (RFC 6750 §2.1).</summary>
    /// <returns>The header value.</returns>
    public string ToAuthorizationHeaderValue() => $"Bearer {AccessToken}";

    /// <summary>Describes the token without its secret values.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        $"TokenResponse {{ TokenType = {TokenType}, Scope = {Scope}, ExpiresAt = {ExpiresAt:O}, AccessToken = [redacted]" +
        $"{(RefreshToken is null ? "" : ", RefreshToken = [redacted]")}{(IdToken is null ? "" : ", IdToken = [redacted]")} }}";
}
