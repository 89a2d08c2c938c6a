using System.Text.Json;
using Mandate.Server.Clients;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>
/// Validates a signed authentication request (CIBA §7.1.1, §7.2 step 2; FAPI-CIBA §5.2.2 item 9). Every failure is
/// <c>invalid_request</c> (CIBA §13). Checks, in order: signature (<see cref="ClientJwtVerifier"/>, ES256 or PS256, and
/// the client's registered alg); <c>iss</c> = client_id; <c>aud</c> names this server; <c>exp</c>, <c>iat</c>, <c>nbf</c>,
/// <c>jti</c> present; not expired, not before <c>nbf</c>, lifetime ≤ the maximum; no nested <c>request</c> or
/// <c>request_uri</c>; <c>jti</c> not seen before.
/// </summary>
public sealed class RequestObjectValidator(TimeProvider time, IJwtReplayCache replay)
{
    /// <summary>The answer to a request object whose <c>jti</c> was used before (CIBA §7.1.1).</summary>
    public static OAuthError Replayed => Invalid("Request object: this jti has already been used.");

    /// <summary>Algorithms accepted for request objects (FAPI-CIBA §7.10), advertised in discovery.</summary>
    public static readonly IReadOnlyList<string> SupportedAlgorithms = ["ES256", "PS256"];

    /// <summary>Validates and returns the payload.</summary>
    public async Task<Result<JsonElement>> ValidateAsync(string requestObject, RegisteredClient client, RequestObjectPolicy policy, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string> algorithms = client.Ciba.RequestSigningAlg is { } registered
            ? SupportedAlgorithms.Where(a => a == registered).ToList()
            : SupportedAlgorithms;
        var (payload, problem) = await ClientJwtVerifier.VerifyAsync(requestObject, client.JsonWebKeySet, algorithms);
        if (payload is not { } claims)
        {
            return Invalid("Request object: " + problem);
        }

        if (!claims.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != client.ClientId)
        {
            return Invalid("Request object: iss must be the client_id.");
        }

        if (!AudienceMatches(claims, policy.AcceptedAudiences))
        {
            return Invalid("Request object: aud must contain this server's issuer identifier.");
        }

        var now = time.GetUtcNow();
        if (NumericDate(claims, "exp") is not { } exp || NumericDate(claims, "iat") is not { } iat
            || NumericDate(claims, "nbf") is not { } nbf)
        {
            return Invalid("Request object: exp, iat and nbf are required numeric dates.");
        }

        if (exp <= now - policy.ClockSkew)
        {
            return Invalid("Request object: it has expired.");
        }

        if (nbf > now + policy.ClockSkew || iat > now + policy.ClockSkew)
        {
            return Invalid("Request object: it is not valid yet (nbf or iat in the future).");
        }

        if (exp - nbf > policy.MaxLifetime || exp - now > policy.MaxLifetime)
        {
            return Invalid("Request object: its lifetime (exp - nbf) exceeds " + (int)policy.MaxLifetime.TotalMinutes + " minutes.");
        }

        if (!claims.TryGetProperty("jti", out var jti) || jti.ValueKind != JsonValueKind.String || jti.GetString() is not { Length: > 0 and <= 256 } jwtId)
        {
            return Invalid("Request object: jti is required.");
        }

        if (claims.TryGetProperty("request", out _) || claims.TryGetProperty("request_uri", out _))
        {
            return Invalid("Request object: it may not contain request or request_uri.");
        }

        if (!await replay.TryReserveAsync("request_object", client.ClientId, jwtId, exp, cancellationToken))
        {
            return Replayed;
        }

        return claims;
    }

    /// <summary>Whether <c>aud</c> (a string or an array of strings) holds an accepted value.</summary>
    public static bool AudienceMatches(JsonElement claims, IReadOnlySet<string> accepted)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => accepted.Contains(aud.GetString()!),
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && accepted.Contains(a.GetString()!)),
            _ => false,
        };
    }

    /// <summary>Reads an RFC 7519 NumericDate claim.</summary>
    public static DateTimeOffset? NumericDate(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    private static OAuthError Invalid(string description) => OAuthError.InvalidRequest(description);
}
