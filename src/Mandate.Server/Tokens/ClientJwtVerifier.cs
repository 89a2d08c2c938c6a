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

    /// <summary>Reads <paramref name="jwt"/> (<see cref="JwsCompact"/>) and verifies it as <see cref="VerifyAsync(JwsCompact, RegisteredClient, IReadOnlyCollection{string}, IReadOnlySet{string}?, JwtValidation)"/>.</summary>
    public static Task<(JsonElement? Payload, string? Problem)> VerifyAsync(
        string jwt, RegisteredClient client, IReadOnlyCollection<string> allowedAlgorithms, IReadOnlySet<string>? allowedTypes, JwtValidation validation)
    {
        if (JwsCompact.TryRead(jwt, out var encrypted) is not { } jws)
        {
            return Task.FromResult<(JsonElement?, string?)>((null, encrypted ? "Encrypted JWTs are not supported." : "The JWT is not a compact JWS."));
        }

        return VerifyAsync(jws, client, allowedAlgorithms, allowedTypes, validation);
    }

    /// <summary>Returns the verified payload, or a description of what is wrong (safe to return to the client).</summary>
    /// <param name="jws">The compact JWS, read once.</param>
    /// <param name="client">The client whose registered keys must have signed it; <c>iss</c> must be its id.</param>
    /// <param name="allowedAlgorithms">Accepted <c>alg</c> values.</param>
    /// <param name="allowedTypes">Accepted <c>typ</c> values (case-insensitive, absent allowed); null for no check.</param>
    /// <param name="validation">The server's JWT validation settings.</param>
    public static async Task<(JsonElement? Payload, string? Problem)> VerifyAsync(
        JwsCompact jws, RegisteredClient client, IReadOnlyCollection<string> allowedAlgorithms, IReadOnlySet<string>? allowedTypes, JwtValidation validation)
    {
        var token = jws.Token;
        if (!token.TryGetHeaderValue<object>("alg", out var algValue) || algValue is not string alg || !allowedAlgorithms.Contains(alg))
        {
            return (null, "The JWT must be signed with one of: " + string.Join(", ", allowedAlgorithms) + ".");
        }

        if (allowedTypes is not null && token.TryGetHeaderValue<object>("typ", out var typ) && (typ is not string type || !allowedTypes.Contains(type)))
        {
            return (null, "The JWT type (typ) is not accepted.");
        }

        foreach (var forbidden in ForbiddenHeaders)
        {
            if (token.TryGetHeaderValue<object>(forbidden, out _))
            {
                return (null, "The JWT header may not carry '" + forbidden + "'.");
            }
        }

        if (SelectKey(token, client.JsonWebKeySet) is not { } key || (key.Alg is { Length: > 0 } keyAlg && keyAlg != alg))
        {
            return (null, "No registered key of the client matches the JWT (a kid is required when several keys are registered).");
        }

        var result = await JwtValidation.ValidateAsync(token, validation.ForClientJwt(client.ClientId, key, alg));
        return result.IsValid ? (jws.Payload, null) : (null, Describe(result.Exception));
    }

    /// <summary>The signing key named by <c>kid</c>, or the only signing key when there is no <c>kid</c> (RFC 7515 §4.1.4).</summary>
    private static JsonWebKey? SelectKey(JsonWebToken token, JsonWebKeySet? keys)
    {
        var candidates = keys?.Keys.Where(k => k.Use is null or "sig").ToList() ?? [];
        if (token.TryGetHeaderValue<object>("kid", out var kid))
        {
            return kid is string id ? candidates.FirstOrDefault(k => k.Kid == id) : null;
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
