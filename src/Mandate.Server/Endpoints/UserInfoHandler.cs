using System.Text.Json.Nodes;
using Mandate.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Mandate.Server.Endpoints;

/// <summary>Userinfo (OIDC Core §5.3) after OpenIddict validated the access token: claims by granted scope.</summary>
public static class UserInfoHandler
{
    /// <summary>Handles the request.</summary>
    public static async Task<IResult> HandleAsync(HttpContext http, MandateDbContext db)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = result.Principal?.GetClaim(OpenIddictConstants.Claims.Subject);
        var user = subject is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == subject && u.Enabled, http.RequestAborted);
        if (user is null || result.Principal is not { } principal || !principal.HasScope(OpenIddictConstants.Scopes.OpenId))
        {
            return OAuthResults.ThroughOpenIddict(new Protocol.OAuthError("invalid_token", "The access token does not identify a user.", 401));
        }

        var claims = new JsonObject { ["sub"] = user.Id };
        if (principal.HasScope(OpenIddictConstants.Scopes.Profile))
        {
            claims["name"] = user.Name;
            claims["preferred_username"] = user.Username;
        }

        if (principal.HasScope(OpenIddictConstants.Scopes.Email))
        {
            claims["email"] = user.Email;
        }

        if (principal.HasScope(OpenIddictConstants.Scopes.Address) && user.AddressJson is { } address)
        {
            claims["address"] = JsonNode.Parse(address);
        }

        return Results.Json(claims);
    }
}
