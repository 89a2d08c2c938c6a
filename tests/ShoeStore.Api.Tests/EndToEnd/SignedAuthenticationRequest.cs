using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ShoeStore.Api.Tests.EndToEnd;

/// <summary>
/// A signed CIBA authentication request (CIBA Core §7.1.1) as the demo client must send it: every parameter in a JWT
/// signed with the client's ES256 key, <c>aud</c> the issuer, single-use <c>jti</c>, 5-minute lifetime.
/// </summary>
internal static class SignedAuthenticationRequest
{
    public static string Create(string privateJwk, string clientId, string issuer, string scope, string loginHint, string bindingMessage,
        IReadOnlyList<Dictionary<string, object>>? authorizationDetails)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["scope"] = scope,
            ["login_hint"] = loginHint,
            ["binding_message"] = bindingMessage,
        };
        if (authorizationDetails is not null)
        {
            claims["authorization_details"] = authorizationDetails.Cast<object>().ToList();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new JsonWebKey(privateJwk), SecurityAlgorithms.EcdsaSha256),
        });
    }
}
