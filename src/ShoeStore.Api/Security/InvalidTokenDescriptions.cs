using Microsoft.IdentityModel.Tokens;

namespace ShoeStore.Api.Security;

/// <summary>
/// Turns a token validation failure into a fixed <c>error_description</c>. Library messages are never
/// passed on: they can quote token content (audience, issuer) that an attacker chose.
/// </summary>
internal static class InvalidTokenDescriptions
{
    public static string For(Exception? failure) => failure switch
    {
        AccessTokenRejectedException rejected => rejected.Message,
        SecurityTokenExpiredException => "The access token expired",
        SecurityTokenNotYetValidException => "The access token is not valid yet",
        SecurityTokenNoExpirationException => "The access token has no expiry (exp)",
        SecurityTokenInvalidLifetimeException => "The access token lifetime is not valid",
        SecurityTokenInvalidAudienceException => "The access token is not meant for this API (aud)",
        SecurityTokenInvalidIssuerException => "The access token was not issued by the trusted authorization server (iss)",
        SecurityTokenInvalidTypeException => "The token is not an access token (typ must be at+jwt)",
        SecurityTokenInvalidAlgorithmException => "The signing algorithm of the access token is not accepted",
        SecurityTokenInvalidSigningKeyException => "The access token is not signed with a key and algorithm of the authorization server",
        SecurityTokenSignatureKeyNotFoundException => "The access token is signed with an unknown key",
        SecurityTokenInvalidSignatureException => "The access token signature is not valid",
        SecurityTokenDecryptionFailedException => "The access token must be a signed JWT, not an encrypted one",
        SecurityTokenMalformedException or ArgumentException => "The access token is malformed",
        _ => "The access token is not valid",
    };
}
