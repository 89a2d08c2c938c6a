using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Ciba;

/// <summary>
/// Verifies the signature of a JWT a client signed with a key from its registered JWKS (request objects and
/// client assertions). Checks, in order: compact JWS form (a JWE is refused); <c>alg</c> in the allow-list, exact case;
/// no key-carrying headers (<c>jku</c>, <c>x5u</c>, <c>jwk</c>, <c>x5c</c>) and no <c>crit</c>; key chosen by
/// <c>kid</c> (required when the JWKS has several keys); signature valid for that key and alg (RFC 8725 §3.1, §3.8, §3.10;
/// OIDC Core §10.1). Nothing is ever fetched.
/// </summary>
public static class ClientJwtVerifier
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Returns the payload, or a description of what is wrong (safe to return to the client).</summary>
    public static async Task<(JsonElement? Payload, string? Problem)> VerifyAsync(
        string jwt, JsonWebKeySet? keys, IReadOnlyCollection<string> allowedAlgorithms)
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

        foreach (var forbidden in (string[])["jku", "x5u", "jwk", "x5c", "crit"])
        {
            if (header.TryGetProperty(forbidden, out _))
            {
                return (null, "The JWT header may not carry '" + forbidden + "'.");
            }
        }

        var alg = algElement.GetString()!;
        var candidates = keys?.Keys.Where(k => k.Use is null or "sig").ToList() ?? [];
        JsonWebKey? key;
        if (header.TryGetProperty("kid", out var kid))
        {
            key = kid.ValueKind == JsonValueKind.String ? candidates.FirstOrDefault(k => k.Kid == kid.GetString()) : null;
        }
        else
        {
            key = candidates.Count == 1 ? candidates[0] : null;
        }

        if (key is null || (key.Alg is { Length: > 0 } keyAlg && keyAlg != alg))
        {
            return (null, "No registered key of the client matches the JWT (a kid is required when several keys are registered).");
        }

        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            // Only the one key chosen above is offered. IdentityModel matches keys by kid unless told to try them all,
            // so a JWT without kid (allowed when the client has one key, RFC 7515 §4.1.4) would otherwise never verify.
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = [alg],
            RequireSignedTokens = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuerSigningKey = false,
        });
        return result.IsValid ? (payload, null) : (null, "The JWT signature is not valid.");
    }
}
