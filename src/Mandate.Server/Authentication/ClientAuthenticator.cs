using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Protocol;
using Mandate.Server.Tokens;

namespace Mandate.Server.Authentication;

/// <summary>
/// The one client authentication of the server, used by the token, backchannel authentication (CIBA §7.1, §7.2 step 1),
/// revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1) endpoints. Methods: <c>client_secret_basic</c>,
/// <c>client_secret_post</c> (RFC 6749 §2.3.1) and <c>private_key_jwt</c> (RFC 7523 §2.2, §3; OIDC Core §9). Checks, in
/// order: a well-formed Authorization header when one is sent; exactly one method (<c>invalid_request</c> for several,
/// RFC 6749 §2.3); a form <c>client_id</c> equal to the authenticated one; then either the secret (a confidential
/// client, through <see cref="ClientDirectory"/>: cached, constant-time) or the assertion:
/// <c>client_assertion_type</c> jwt-bearer, <see cref="ClientJwtVerifier"/> (alg and typ allow-lists, no
/// <c>jku</c>/<c>x5u</c>/<c>jwk</c>/<c>x5c</c>/<c>crit</c>, key by <c>kid</c>, signature, <c>iss</c> = client_id,
/// <c>aud</c> one of <see cref="JwtValidation.ClientAudiences"/>, <c>exp</c>, <c>nbf</c>), <c>sub</c> = client_id,
/// <c>exp</c> at most an hour ahead, a <c>jti</c> of 1–256 characters used once (<see cref="IJwtReplayCache"/>).
/// Any other failure is 401 <c>invalid_client</c> (RFC 6749 §5.2), with one description that does not say which check
/// failed.
/// </summary>
internal sealed class ClientAuthenticator(IClientRegistry clients, IJwtReplayCache replay, JwtValidation validation)
{
    /// <summary>RFC 7523 §2.2 client assertion type.</summary>
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Replay-cache purpose of client assertion <c>jti</c>s.</summary>
    public const string AssertionPurpose = "client_assertion";

    /// <summary>Algorithms accepted for client assertions (advertised as <c>token_endpoint_auth_signing_alg_values_supported</c>).</summary>
    public static readonly IReadOnlyList<string> AssertionAlgorithms = ["ES256", "PS256", "RS256"];

    /// <summary>
    /// Header <c>typ</c> values accepted for client assertions (absent is accepted too): generic JWTs (RFC 7523, OIDC Core §9)
    /// and the explicitly typed form of draft-ietf-oauth-rfc7523bis.
    /// </summary>
    public static readonly IReadOnlySet<string> AssertionTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "JWT", "application/jwt", "client-authentication+jwt", "application/client-authentication+jwt",
    };

    /// <summary>The methods offered (advertised as <c>token_endpoint_auth_methods_supported</c>).</summary>
    public static readonly IReadOnlyList<string> Methods = ["client_secret_basic", "client_secret_post", "private_key_jwt"];

    /// <summary>The longest an assertion may still be valid when it is presented (RFC 7523 §3 item 4).</summary>
    public static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromHours(1);

    private static readonly OAuthError Failed = OAuthError.InvalidClient("Client authentication failed.");

    /// <summary>Authenticates the client that sent <paramref name="input"/>.</summary>
    public async Task<Result<RegisteredClient>> AuthenticateAsync(ClientCredentialsInput input, CancellationToken cancellationToken)
    {
        if (input.MalformedAuthorizationHeader)
        {
            return Failed;
        }

        var methods = (input.BasicClientId is not null ? 1 : 0) + (input.ClientSecret is not null ? 1 : 0)
            + (input.ClientAssertion is not null || input.ClientAssertionType is not null ? 1 : 0);
        if (methods > 1)
        {
            return OAuthError.InvalidRequest("Use exactly one client authentication method.");
        }

        if (methods == 0)
        {
            return OAuthError.InvalidClient("Client authentication is required.");
        }

        if (input.BasicClientId is not null || input.ClientSecret is not null)
        {
            var clientId = input.BasicClientId ?? input.ClientId ?? "";
            var secret = input.BasicSecret ?? input.ClientSecret ?? "";
            if (clientId.Length == 0 || (input.ClientId is not null && input.ClientId != clientId)
                || !await clients.ValidateSecretAsync(clientId, secret, cancellationToken))
            {
                return Failed;
            }

            return await clients.FindAsync(clientId, cancellationToken) is { } client ? client : Failed;
        }

        return await VerifyAssertionAsync(input, cancellationToken) is { } asserted ? asserted : Failed;
    }

    private async Task<RegisteredClient?> VerifyAssertionAsync(ClientCredentialsInput input, CancellationToken cancellationToken)
    {
        // The issuer is read before the signature is checked only to find whose keys must have signed it.
        if (input.ClientAssertionType != JwtBearerAssertionType || input.ClientAssertion is not { } assertion
            || JwsCompact.TryRead(assertion, out _) is not { } jws
            || !jws.Payload.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String
            || iss.GetString() is not { Length: > 0 } clientId
            || (input.ClientId is not null && input.ClientId != clientId)
            || await clients.FindAsync(clientId, cancellationToken) is not { } client)
        {
            return null;
        }

        var (payload, _) = await ClientJwtVerifier.VerifyAsync(jws, client, AssertionAlgorithms, AssertionTypes, validation);
        if (payload is not { } claims
            || !claims.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || sub.GetString() != clientId
            || RequestObjectValidator.NumericDate(claims, "exp") is not { } exp || exp > validation.Now + MaxAssertionLifetime
            || !claims.TryGetProperty("jti", out var jti) || jti.ValueKind != JsonValueKind.String
            || jti.GetString() is not { Length: > 0 and <= 256 } jwtId)
        {
            return null;
        }

        return await replay.TryUseAsync(AssertionPurpose, clientId, jwtId, exp, cancellationToken) ? client : null;
    }
}
