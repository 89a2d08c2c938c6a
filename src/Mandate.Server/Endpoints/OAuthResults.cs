using Mandate.Server.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;

namespace Mandate.Server.Endpoints;

/// <summary>HTTP results for OAuth errors.</summary>
public static class OAuthResults
{
    /// <summary>An error returned through OpenIddict (token and userinfo passthrough endpoints).</summary>
    public static IResult ThroughOpenIddict(OAuthError error) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error.Code,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = error.Description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>A JSON error response (CIBA §13) for endpoints OpenIddict does not handle.</summary>
    public static IResult Json(OAuthError error, HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        if (error.StatusCode == 401)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"Mandate\"";
        }

        return Results.Json(
            new Dictionary<string, string> { ["error"] = error.Code, ["error_description"] = error.Description },
            statusCode: error.StatusCode);
    }
}
