using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Client.Tests.TestSupport;

/// <summary>Verifies JWTs with Microsoft.IdentityModel, as a server would (lifetime is checked by the tests against fake time).</summary>
public static class Jwts
{
    public static async Task<JsonWebToken> VerifyAsync(string jwt, SecurityKey key, string issuer, string audience, string algorithm)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidIssuer = issuer,
            ValidAudience = audience,
            ValidAlgorithms = [algorithm],
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
        Assert.True(result.IsValid, $"signature or claims did not verify: {result.Exception?.GetType().Name}");
        return (JsonWebToken)result.SecurityToken;
    }
}
