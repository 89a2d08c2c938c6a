using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ShoeStore.Api.Security;

/// <summary>
/// The RFC 9068 §4 and RFC 8725 checks that the token handler's defaults do not make, as plain functions.
/// </summary>
internal static class AccessTokenRules
{
    /// <summary>
    /// Asymmetric algorithms only (RFC 8725 §3.1: an allowlist); RS256 is in because RFC 9068 §2.1 requires it.
    /// Compared exactly, so <c>none</c>, <c>noNE</c> and every <c>HS*</c> are refused.
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedAlgorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    /// <summary>
    /// RFC 9068 §4 step 1: <c>typ</c> must be <c>at+jwt</c> or <c>application/at+jwt</c>. Media types are
    /// case-insensitive (RFC 9068's own example writes <c>at+JWT</c>).
    /// </summary>
    public static bool IsAccessTokenType(string? typ)
    {
        if (typ is null)
        {
            return false;
        }

        const string prefix = "application/";
        var subtype = typ.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? typ[prefix.Length..] : typ;
        return string.Equals(subtype, "at+jwt", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Header parameters a signed access token must not carry: <c>enc</c> marks a JWE (RFC 7516 §9; RFC 8725bis
    /// §3.3: tell JWS from JWE), and <c>crit</c> names extensions this API does not understand, which RFC 7515
    /// §4.1.11 says to refuse. Returns null when the header is acceptable.
    /// </summary>
    public static string? HeaderProblem(JsonElement header)
    {
        if (header.TryGetProperty("enc", out _))
        {
            return "The access token must be a signed JWT, not an encrypted one";
        }

        return header.TryGetProperty("crit", out _)
            ? "The access token names critical header extensions this API does not support"
            : null;
    }

    /// <summary>
    /// RFC 8725 §3.1, one key one algorithm: the token's <c>alg</c> must fit the key's type, and equal the
    /// <c>alg</c> the authorization server published for that key, when it published one.
    /// </summary>
    /// <param name="tokenAlgorithm">The token header's <c>alg</c>.</param>
    /// <param name="key">The key that verified the signature.</param>
    /// <param name="publishedAlgorithm">The JWKS entry's <c>alg</c> for that key, or null.</param>
    public static bool KeyFitsAlgorithm(string tokenAlgorithm, SecurityKey key, string? publishedAlgorithm)
    {
        if (publishedAlgorithm is not null && !string.Equals(publishedAlgorithm, tokenAlgorithm, StringComparison.Ordinal))
        {
            return false;
        }

        var family = key switch
        {
            ECDsaSecurityKey => "EC",
            RsaSecurityKey => "RSA",
            JsonWebKey jwk => jwk.Kty,
            X509SecurityKey => "RSA",
            _ => null,
        };
        return family switch
        {
            "EC" => tokenAlgorithm.StartsWith("ES", StringComparison.Ordinal),
            "RSA" => tokenAlgorithm.StartsWith("RS", StringComparison.Ordinal) || tokenAlgorithm.StartsWith("PS", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>
    /// RFC 9068 §4 / RFC 7519 §4.1.4–4.1.5: <c>exp</c> is required and must not have passed, <c>nbf</c> must
    /// have come, each with <paramref name="clockSkew"/> of leeway. Throws the handler's own exception types.
    /// </summary>
    public static void ValidateLifetime(DateTime? notBefore, DateTime? expires, DateTimeOffset now, TimeSpan clockSkew)
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The access token has no expiry.");
        }

        var utcNow = now.UtcDateTime;
        if (notBefore is { } nbf && nbf > utcNow + clockSkew)
        {
            throw new SecurityTokenNotYetValidException("The access token is not valid yet.") { NotBefore = nbf };
        }

        if (utcNow >= expires.Value + clockSkew)
        {
            throw new SecurityTokenExpiredException("The access token expired.") { Expires = expires.Value };
        }
    }

    /// <summary>
    /// The audience rule per endpoint (RFC 9068 §4 step 3, RFC 8707 §2): the handler accepts a token for any audience
    /// this host serves; the request's own audience — the REST API's, or the MCP resource's at /mcp — must then be
    /// one of the token's <c>aud</c> values, compared exactly. MCP 2025-11-25, Authorization, "Token Audience Binding
    /// and Validation": a token for another resource is refused, never passed through.
    /// </summary>
    public static bool IsForAudience(IEnumerable<string> tokenAudiences, string requestAudience) =>
        tokenAudiences.Any(audience => string.Equals(audience, requestAudience, StringComparison.Ordinal));
}
