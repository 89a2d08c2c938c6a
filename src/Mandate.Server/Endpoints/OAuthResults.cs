using Mandate.Server.Protocol;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Endpoints;

/// <summary>HTTP results for OAuth errors.</summary>
internal static class OAuthResults
{
    /// <summary>
    /// A JSON error response (RFC 6749 §5.2, CIBA §13) with <c>Cache-Control: no-store</c>; a 401 after the client tried
    /// HTTP Basic carries the <c>WWW-Authenticate: Basic</c> challenge RFC 6749 §5.2 requires then.
    /// </summary>
    public static IResult Json(OAuthError error, HttpResponse response, bool basicChallenge = false)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (error.StatusCode == 401 && basicChallenge)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"Mandate\"";
        }

        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Json(
            new Dictionary<string, string> { ["error"] = error.Code, ["error_description"] = error.Description },
            statusCode: error.StatusCode);
    }
}
