using System.Security.Claims;
using System.Text.Json.Nodes;
using Mandate.Server.Data;
using Mandate.Server.OpenIddictHandlers;
using Mandate.Server.Protocol;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mandate.Server.Endpoints;

/// <summary>Builds the principals OpenIddict turns into tokens (RFC 9068 §2.2 claims; <c>act</c> per RFC 8693 §4.1).</summary>
public static class TokenPrincipalFactory
{
    /// <summary>Client credentials: <c>sub</c> = the client (RFC 9068 §2.2), access token only.</summary>
    public static ClaimsPrincipal ForClient(string clientId, ScopeGrant grant, string fallbackAudience)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId);
        Apply(identity, grant, fallbackAudience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>CIBA: <c>sub</c> = the user, <c>act.sub</c> = the agent, <c>authorization_details</c> when requested;
    /// an ID Token too when <c>openid</c> was granted (CIBA §10.1.1).</summary>
    public static ClaimsPrincipal ForUser(BackchannelRequestRecord request, ScopeGrant grant, string fallbackAudience)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, request.Subject);
        identity.SetClaim("act", new JsonObject { ["sub"] = request.ClientId });
        if (request.AuthorizationDetailsJson is { } details)
        {
            identity.SetClaim(AccessTokenShapingHandler.AuthorizationDetailsClaim, details);
        }

        if (request.AcrValues is { } acr && acr.Split(' ').Contains("push"))
        {
            identity.SetClaim(Claims.AuthenticationContextReference, "push");
        }

        Apply(identity, grant, fallbackAudience);
        var openid = grant.Scopes.Contains(OpenIddictConstants.Scopes.OpenId);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or Claims.AuthenticationContextReference when openid => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static void Apply(ClaimsIdentity identity, ScopeGrant grant, string fallbackAudience)
    {
        identity.SetScopes(grant.Scopes);
        identity.SetResources(grant.Audience ?? fallbackAudience);
        identity.SetAccessTokenLifetime(grant.AccessTokenLifetime);
    }
}
