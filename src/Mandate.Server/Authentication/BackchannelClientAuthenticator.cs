using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Protocol;

namespace Mandate.Server.Authentication;

/// <summary>
/// Client authentication at the backchannel authentication endpoint (CIBA §7.1, §7.2 step 1) and the revocation
/// endpoint (RFC 7009 §2.1), with the methods the token endpoint accepts: <c>client_secret_basic</c>, <c>client_secret_post</c>, <c>private_key_jwt</c>. Checks, in
/// order: exactly one method (<c>invalid_request</c> for several); a form <c>client_id</c> equal to the authenticated
/// one; the secret, or the assertion (type, signature with the client's key, <c>iss</c> = <c>sub</c> = client_id,
/// <c>aud</c> = issuer / token / backchannel endpoint, <c>exp</c> within an hour, <c>jti</c> used once).
/// Any failure is 401 <c>invalid_client</c>.
/// </summary>
public sealed class BackchannelClientAuthenticator(ClientDirectory clients, IJwtReplayCache replay, TimeProvider time)
{
    /// <summary>RFC 7523 client assertion type.</summary>
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Algorithms accepted for client assertions.</summary>
    public static readonly IReadOnlyList<string> AssertionAlgorithms = ["ES256", "PS256", "RS256"];

    private static readonly OAuthError Failed = OAuthError.InvalidClient("Client authentication failed.");

    /// <summary>Authenticates the client.</summary>
    public async Task<Result<RegisteredClient>> AuthenticateAsync(
        ClientCredentialsInput input, RequestObjectPolicy audiences, CancellationToken cancellationToken)
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

        string clientId;
        if (input.BasicClientId is not null || input.ClientSecret is not null)
        {
            clientId = input.BasicClientId ?? input.ClientId ?? "";
            var secret = input.BasicSecret ?? input.ClientSecret ?? "";
            if (clientId.Length == 0 || (input.ClientId is not null && input.ClientId != clientId)
                || !await clients.ValidateSecretAsync(clientId, secret, cancellationToken))
            {
                return Failed;
            }
        }
        else
        {
            var assertionClient = await VerifyAssertionAsync(input, audiences, cancellationToken);
            if (assertionClient is null)
            {
                return Failed;
            }

            clientId = assertionClient;
        }

        return await clients.FindAsync(clientId, cancellationToken) is { } client ? client : Failed;
    }

    private async Task<string?> VerifyAssertionAsync(ClientCredentialsInput input, RequestObjectPolicy policy, CancellationToken cancellationToken)
    {
        if (input.ClientAssertionType != JwtBearerAssertionType || input.ClientAssertion is not { } assertion
            || JwsCompact.TryParse(assertion, out _) is not var (_, unverified)
            || !unverified.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String
            || iss.GetString() is not { Length: > 0 } clientId
            || (input.ClientId is not null && input.ClientId != clientId)
            || await clients.FindAsync(clientId, cancellationToken) is not { } client)
        {
            return null;
        }

        var (payload, _) = await ClientJwtVerifier.VerifyAsync(assertion, client.JsonWebKeySet, AssertionAlgorithms);
        if (payload is not { } claims
            || !claims.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || sub.GetString() != clientId
            || !RequestObjectValidator.AudienceMatches(claims, policy.AcceptedAudiences)
            || RequestObjectValidator.NumericDate(claims, "exp") is not { } exp
            || !claims.TryGetProperty("jti", out var jti) || jti.ValueKind != JsonValueKind.String || jti.GetString() is not { Length: > 0 and <= 256 } jwtId)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (exp <= now - policy.ClockSkew || exp > now + TimeSpan.FromHours(1)
            || (RequestObjectValidator.NumericDate(claims, "nbf") is { } nbf && nbf > now + policy.ClockSkew))
        {
            return null;
        }

        return await replay.TryUseAsync("client_assertion", clientId, jwtId, exp, cancellationToken) ? clientId : null;
    }
}
