using Mandate.Server.Revocation;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Mandate.Server.Tokens;

/// <summary>
/// Reads an access token presented back to this server (introspection, userinfo): one of its RFC 9068 tokens, valid by
/// <see cref="JwtValidation.ForAccessToken"/> (signature, issuer, <c>typ</c>, lifetime) and not revoked through
/// <c>/token/revoke</c> (RFC 7009 §2.2: invalid from then on, <see cref="IAccessTokenDenyList"/>).
/// </summary>
internal sealed class AccessTokenReader(JwtValidation validation, IAccessTokenDenyList denyList)
{
    /// <summary>The token when it is valid and not revoked; otherwise null.</summary>
    public async Task<JsonWebToken?> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 16384)
        {
            return null;
        }

        var result = await JwtValidation.ValidateAsync(token, validation.ForAccessToken());
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>("jti", out var jwtId) || string.IsNullOrEmpty(jwtId)
            || !jwt.TryGetPayloadValue<string>("client_id", out var clientId) || string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        return await denyList.ContainsAsync(clientId, jwtId, cancellationToken) ? null : jwt;
    }
}
