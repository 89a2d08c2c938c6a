using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Server.Clients;
using Mandate.Server.Protocol;
using Mandate.Server.Tokens;

namespace Mandate.Server.Ciba;

/// <summary>
/// Validates a signed authentication request (CIBA §7.1.1, §7.2 step 2; FAPI-CIBA §5.2.2 item 9). Every failure is
/// <c>invalid_request</c> (CIBA §13). Checks, in order: <see cref="ClientJwtVerifier"/> with
/// <see cref="JwtValidation.ForClientJwt"/> (ES256 or PS256 and the client's registered alg; signature, <c>iss</c> =
/// client_id, <c>aud</c> one of <see cref="JwtValidation.ClientAudiences"/>, <c>exp</c> present and not passed,
/// <c>nbf</c> reached); then what the library cannot express: <c>iat</c> present and not in the future, <c>nbf</c> a
/// numeric date when present (and required under <see cref="RequestObjectPolicy.RequireJtiAndNbf"/>); lifetime
/// (<c>exp - nbf</c>, or <c>exp - iat</c> without <c>nbf</c>) ≤ the maximum; <c>jti</c>, when present (required under
/// the strict policy), a string of 1–256 characters; no nested <c>request</c> or <c>request_uri</c>. It reads no
/// database: whether the object was seen before is decided when its <see cref="ValidatedRequestObject.Use"/> is
/// recorded, in the transaction that stores the request (<see cref="BackchannelRequestRecorder"/>).
/// </summary>
/// <remarks>
/// Two deliberate deviations from CIBA Core §7.1.1, which says <c>jti</c> and <c>nbf</c> are REQUIRED, unless the policy
/// is strict: PingOne Advanced Identity Cloud accepts its own tutorial's request objects, which carry neither. Replay
/// protection holds without <c>jti</c>: the SHA-256 of the signed content (the JWS signing input, header and payload as
/// sent) is kept until <c>exp</c> plus the skew, under the purpose <see cref="DigestPurpose"/>, so the same request
/// object is accepted once. The digest leaves out the signature on purpose: ECDSA signatures are malleable
/// (<c>(r, n - s)</c> verifies too) and base64url leaves spare bits in the last character, so one signed object has
/// several valid spellings; its signing input has one.
/// </remarks>
internal sealed class RequestObjectValidator(JwtValidation validation)
{
    /// <summary>The answer to a request object used before: the same <c>jti</c>, or without one the same signed content (CIBA §7.1.1).</summary>
    public static OAuthError Replayed => Invalid("Request object: it has already been used (its jti, or without a jti its signed content).");

    /// <summary>Replay-cache purpose of <c>jti</c>s of request objects.</summary>
    public const string JtiPurpose = "request_object";

    /// <summary>Replay-cache purpose of digests of request objects that carry no <c>jti</c>.</summary>
    public const string DigestPurpose = "request_object_digest";

    /// <summary>Algorithms accepted for request objects (FAPI-CIBA §7.10), advertised in discovery.</summary>
    public static readonly IReadOnlyList<string> SupportedAlgorithms = ["ES256", "PS256"];

    /// <summary>Validates and returns the payload with the use to record.</summary>
    public async Task<Result<ValidatedRequestObject>> ValidateAsync(string requestObject, RegisteredClient client, RequestObjectPolicy policy)
    {
        IReadOnlyCollection<string> algorithms = client.Ciba.RequestSigningAlg is { } registered
            ? SupportedAlgorithms.Where(a => a == registered).ToList()
            : SupportedAlgorithms;
        var (payload, problem) = await ClientJwtVerifier.VerifyAsync(requestObject, client, algorithms, allowedTypes: null, validation);
        if (payload is not { } claims)
        {
            return Invalid("Request object: " + problem);
        }

        var now = validation.Now;
        var skew = validation.ClockSkew;
        var nbf = NumericDate(claims, "nbf");
        if (NumericDate(claims, "exp") is not { } exp || NumericDate(claims, "iat") is not { } iat
            || (policy.RequireJtiAndNbf && nbf is null) || (nbf is null && claims.TryGetProperty("nbf", out _)))
        {
            return Invalid(policy.RequireJtiAndNbf
                ? "Request object: exp, iat and nbf are required numeric dates."
                : "Request object: exp and iat are required numeric dates (nbf, when present, too).");
        }

        if (iat > now + skew)
        {
            return Invalid("Request object: it is not valid yet (iat in the future).");
        }

        // Without nbf the object is valid from iat, so iat bounds the lifetime (FAPI-CIBA §5.2.2 item 9 counts from nbf).
        var start = nbf ?? iat;
        if (exp - start > policy.MaxLifetime || exp - now > policy.MaxLifetime)
        {
            return Invalid("Request object: its lifetime (exp - " + (nbf is null ? "iat" : "nbf") + ") exceeds "
                + (int)policy.MaxLifetime.TotalMinutes + " minutes.");
        }

        string? jwtId = null;
        if (claims.TryGetProperty("jti", out var jti))
        {
            if (jti.ValueKind != JsonValueKind.String || jti.GetString() is not { Length: > 0 and <= 256 } value)
            {
                return Invalid("Request object: jti must be a string of 1 to 256 characters.");
            }

            jwtId = value;
        }
        else if (policy.RequireJtiAndNbf)
        {
            return Invalid("Request object: jti is required.");
        }

        if (claims.TryGetProperty("request", out _) || claims.TryGetProperty("request_uri", out _))
        {
            return Invalid("Request object: it may not contain request or request_uri.");
        }

        var use = jwtId is not null
            ? new JwtUse(JtiPurpose, client.ClientId, jwtId, exp + skew)
            : new JwtUse(DigestPurpose, client.ClientId, SigningInputDigest(requestObject), exp + skew);
        return new ValidatedRequestObject(claims, use);
    }

    /// <summary>
    /// The base64url SHA-256 of a compact JWS's signing input (RFC 7515 §5.1: the encoded header, '.', the encoded
    /// payload): the same for every spelling of the same signed object, whatever its signature.
    /// </summary>
    public static string SigningInputDigest(string compactJws)
    {
        var signingInput = compactJws[..compactJws.LastIndexOf('.')];
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>Reads an RFC 7519 NumericDate claim.</summary>
    public static DateTimeOffset? NumericDate(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;

    private static OAuthError Invalid(string description) => OAuthError.InvalidRequest(description);
}
