using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tokens;

/// <summary>
/// Verifies a JWT a client signed with a key from its registered JWKS (client assertions and request objects). Checks,
/// in order: compact JWS form (a JWE is refused); <c>alg</c> in the allow-list, exact case; <c>typ</c> in the allow-list
/// when one is given; no key-carrying headers (<c>jku</c>, <c>x5u</c>, <c>jwk</c>, <c>x5c</c>) and no <c>crit</c>; key
/// chosen by <c>kid</c> (required when the JWKS has several keys; a <c>kid</c> that names no key fails, nothing is
/// retried with other keys); then <see cref="JsonWebTokenHandler"/> with <see cref="JwtValidation.ForClientJwt"/>:
/// signature, <c>iss</c> = client_id, <c>aud</c>, <c>exp</c>, <c>nbf</c> (RFC 8725 §3.1, §3.8, §3.10, §3.11;
/// OIDC Core §10.1; RFC 7523 §3). Nothing is ever fetched.
/// </summary>
internal static class ClientJwtVerifier
{
    private static readonly string[] ForbiddenHeaders = ["jku", "x5u", "jwk", "x5c", "crit"];

    /// <summary>Returns the verified payload, or a description of what is wrong (safe to return to the client).</summary>
    /// <param name="jwt">The compact JWS.</param>
    /// <param name="client">The client whose registered keys must have signed it; <c>iss</c> must be its id.</param>
    /// <param name="allowedAlgorithms">Accepted <c>alg</c> values.</param>
    /// <param name="allowedTypes">Accepted <c>typ</c> values (case-insensitive, absent allowed); null for no check.</param>
    /// <param name="validation">The server's JWT validation settings.</param>
    public static async Task<(JsonElement? Payload, string? Problem)> VerifyAsync(
        string jwt, RegisteredClient client, IReadOnlyCollection<string> allowedAlgorithms, IReadOnlySet<string>? allowedTypes, JwtValidation validation)
    {
        var parsed = JwsCompact.TryParse(jwt, out var encrypted);
        if (encrypted)
        {
            return (null, "Encrypted JWTs are not supported.");
        }

        if (parsed is not var (header, payload))
        {
            return (null, "The JWT is not a compact JWS.");
        }

        if (!header.TryGetProperty("alg", out var algElement) || algElement.ValueKind != JsonValueKind.String
            || !allowedAlgorithms.Contains(algElement.GetString()!))
        {
            return (null, "The JWT must be signed with one of: " + string.Join(", ", allowedAlgorithms) + ".");
        }

        if (allowedTypes is not null && header.TryGetProperty("typ", out var typ)
            && (typ.ValueKind != JsonValueKind.String || !allowedTypes.Contains(typ.GetString()!)))
        {
            return (null, "The JWT type (typ) is not accepted.");
        }

        foreach (var forbidden in ForbiddenHeaders)
        {
            if (header.TryGetProperty(forbidden, out _))
            {
                return (null, "The JWT header may not carry '" + forbidden + "'.");
            }
        }

        var alg = algElement.GetString()!;
        if (SelectKey(header, client.JsonWebKeySet) is not { } key || (key.Alg is { Length: > 0 } keyAlg && keyAlg != alg))
        {
            return (null, "No registered key of the client matches the JWT (a kid is required when several keys are registered).");
        }

        var result = await JwtValidation.ValidateAsync(jwt, validation.ForClientJwt(client.ClientId, key, alg));
        return result.IsValid ? (payload, null) : (null, Describe(result.Exception));
    }

    /// <summary>The signing key named by <c>kid</c>, or the only signing key when there is no <c>kid</c> (RFC 7515 §4.1.4).</summary>
    private static JsonWebKey? SelectKey(JsonElement header, JsonWebKeySet? keys)
    {
        var candidates = keys?.Keys.Where(k => k.Use is null or "sig").ToList() ?? [];
        if (header.TryGetProperty("kid", out var kid))
        {
            return kid.ValueKind == JsonValueKind.String ? candidates.FirstOrDefault(k => k.Kid == kid.GetString()) : null;
        }

        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenInvalidIssuerException => "iss must be the client_id.",
        SecurityTokenInvalidAudienceException => "aud must contain this server's issuer identifier.",
        SecurityTokenNoExpirationException => "exp is required.",
        SecurityTokenExpiredException => "it has expired.",
        SecurityTokenNotYetValidException => "it is not valid yet (nbf in the future).",
        _ => "The JWT signature is not valid.",
    };
}
