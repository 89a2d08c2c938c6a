using Mandate.Server.Protocol;
using Microsoft.IdentityModel.JsonWebTokens;
using Mandate.Server.Tokens;

namespace Mandate.Server.Revocation;

/// <summary>
/// Token revocation (RFC 7009) for this server's access tokens, after the caller authenticated as a client (§2.1, with
/// the token endpoint's methods). Checks, in order: a <c>token</c> parameter (<c>invalid_request</c> without it, §2.1);
/// an RFC 9068 access token of this server (<c>typ</c> <c>at+jwt</c>, its issuer, signed by one of its published keys)
/// with a <c>jti</c>; not expired; issued to the calling client (<c>client_id</c>). Only then is its <c>jti</c> put on the
/// deny list until its <c>exp</c>. Anything else changes nothing and is still answered 200 (§2.2): an invalid or unknown
/// token, and a token of another client (§2.1: "the authorization server ... refuses to process the request" without
/// telling the caller). <c>token_type_hint</c> is only a hint (§2.1): refresh tokens are never issued, so the search
/// is always among access tokens. ID tokens cannot be revoked (they are not credentials).
/// </summary>
internal sealed class TokenRevocation(IAccessTokenDenyList denyList, JwtValidation validation)
{
    /// <summary>Revokes <paramref name="token"/> for <paramref name="clientId"/>.</summary>
    /// <param name="token">The form's <c>token</c> parameter.</param>
    /// <param name="clientId">The authenticated client.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Result<RevocationOutcome>> RevokeAsync(string? token, string clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return OAuthError.InvalidRequest("The token parameter is required.");
        }

        if (token.Length > 16384 || token.Count(c => c == '.') != 2)
        {
            return RevocationOutcome.UnknownToken;
        }

        // Lifetime is checked below (an expired token is its own outcome), so the library's check is left out here.
        var parameters = validation.ForAccessToken();
        parameters.ValidateLifetime = false;
        parameters.LifetimeValidator = null;
        var result = await JwtValidation.ValidateAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>("jti", out var jwtId) || string.IsNullOrEmpty(jwtId)
            || !jwt.TryGetPayloadValue<string>("client_id", out var owner) || string.IsNullOrEmpty(owner))
        {
            return RevocationOutcome.UnknownToken;
        }

        if (jwt.ValidTo <= validation.Now.UtcDateTime)
        {
            return RevocationOutcome.Expired;
        }

        if (!string.Equals(owner, clientId, StringComparison.Ordinal))
        {
            return RevocationOutcome.OtherClientsToken;
        }

        await denyList.AddAsync(owner, jwtId, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), cancellationToken);
        return RevocationOutcome.Revoked;
    }
}
