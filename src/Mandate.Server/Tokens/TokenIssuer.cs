using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Server.Data;
using Mandate.Server.Keys;
using Mandate.Server.Passkeys;
using Mandate.Server.Protocol;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Tokens;

/// <summary>
/// Issues the server's tokens, signed ES256 by the <see cref="ServerKeyRing"/>'s current signing key (its <c>kid</c> in
/// the header). Access tokens follow RFC 9068 §2: header <c>typ</c> <c>at+jwt</c>; claims <c>iss</c>, <c>exp</c>,
/// <c>iat</c>, <c>aud</c> (the resource server of the granted scopes, else the issuer), <c>scope</c>, <c>jti</c>,
/// <c>sub</c>, <c>client_id</c>; for CIBA also <c>act</c> (RFC 8693 §4.1: the agent acting for the user),
/// <c>authorization_details</c> as a JSON array (RFC 9396 §9.1), and <c>acr</c> and <c>amr</c> (RFC 8176) from how the
/// person approved (<see cref="ApprovalMethod"/>). ID Tokens (OIDC Core §2, CIBA §10.1.1): <c>iss</c>, <c>sub</c>,
/// <c>aud</c> = <c>azp</c> = the client, <c>exp</c>, <c>iat</c>, <c>acr</c>, <c>amr</c>, <c>at_hash</c> (OIDC Core §3.3.2.11: the left half of the SHA-256 of the access token).
/// </summary>
internal sealed class TokenIssuer(Func<SecurityKey> signingKey, JwtValidation validation)
{
    /// <summary>Signs with the key ring's current signing key.</summary>
    public TokenIssuer(ServerKeyRing keys, JwtValidation validation)
        : this(() => keys.SigningKey, validation)
    {
    }

    /// <summary>Lifetime of ID Tokens.</summary>
    public static readonly TimeSpan IdTokenLifetime = TimeSpan.FromMinutes(20);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Client credentials (RFC 6749 §4.4): <c>sub</c> = the client (RFC 9068 §2.2), an access token only.</summary>
    public IssuedTokens ForClient(string clientId, ScopeGrant grant)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = clientId };
        return Issue(clientId, grant, claims, idToken: null);
    }

    /// <summary>The CIBA grant (CIBA §10.1): <c>sub</c> = the user, <c>act.sub</c> = the agent; an ID Token too when
    /// <c>openid</c> was granted.</summary>
    public IssuedTokens ForUser(BackchannelRequestRecord request, ScopeGrant grant)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = request.Subject,
            ["act"] = new Dictionary<string, object> { ["sub"] = request.ClientId },
        };
        if (request.AuthorizationDetailsJson is { } details)
        {
            using var document = JsonDocument.Parse(details);
            claims["authorization_details"] = document.RootElement.Clone();
        }

        // What the person did, not what the client asked for (acr_values is a voluntary request, OIDC Core §3.1.2.1).
        var acr = ApprovalMethod.Acr(request.ApprovalMethod);
        var amr = ApprovalMethod.Amr(request.ApprovalMethod);
        var idToken = grant.Scopes.Contains("openid")
            ? new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = request.Subject, ["azp"] = request.ClientId }
            : null;
        foreach (var target in idToken is null ? [claims] : new[] { claims, idToken })
        {
            if (acr is not null)
            {
                target["acr"] = acr;
            }

            if (amr is not null)
            {
                target["amr"] = amr;
            }
        }

        return Issue(request.ClientId, grant, claims, idToken);
    }

    private IssuedTokens Issue(string clientId, ScopeGrant grant, Dictionary<string, object> claims, Dictionary<string, object>? idToken)
    {
        var now = validation.Now.UtcDateTime;
        var credentials = new SigningCredentials(signingKey(), JwtValidation.ServerAlgorithm);
        var scope = string.Join(' ', grant.Scopes);
        claims["scope"] = scope;
        claims["jti"] = Guid.NewGuid().ToString();
        claims["client_id"] = clientId;
        var accessToken = Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = JwtValidation.AccessTokenType,
            Issuer = validation.Issuer,
            Audience = grant.Audience ?? validation.Issuer,
            IssuedAt = now,
            Expires = now + grant.AccessTokenLifetime,
            Claims = claims,
            SigningCredentials = credentials,
        });

        string? identityToken = null;
        if (idToken is not null)
        {
            idToken["at_hash"] = AccessTokenHash(accessToken);
            identityToken = Handler.CreateToken(new SecurityTokenDescriptor
            {
                TokenType = "JWT",
                Issuer = validation.Issuer,
                Audience = clientId,
                IssuedAt = now,
                Expires = now + IdTokenLifetime,
                Claims = idToken,
                SigningCredentials = credentials,
            });
        }

        return new IssuedTokens(accessToken, grant.AccessTokenLifetime, scope, identityToken);
    }

    /// <summary>OIDC Core §3.3.2.11 <c>at_hash</c> for ES256: base64url of the left half of the SHA-256 of the token's ASCII.</summary>
    internal static string AccessTokenHash(string accessToken)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), hash);
        return Base64Url.EncodeToString(hash[..16]);
    }
}
