using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Endpoints;

/// <summary>
/// Userinfo (OIDC Core §5.3), a protected resource (RFC 6750): GET or POST (else <c>invalid_request</c>); the bearer token from the Authorization header, or from
/// the form of a POST (§2.2), never both (<c>invalid_request</c>) → <see cref="AccessTokenReader"/> (valid, not
/// revoked), with <c>openid</c> among its scopes and an enabled user as <c>sub</c> (else 401 <c>invalid_token</c>) →
/// the user's claims by granted scope. Without a token the answer is a bare <c>Bearer</c> challenge (RFC 6750 §3.1).
/// </summary>
internal static class UserInfoHandler
{
    /// <summary>Handles the request.</summary>
    public static async Task<IResult> HandleAsync(HttpContext http, AccessTokenReader reader, MandateDbContext db, IOptions<MandateServerOptions> options)
    {
        var cancellationToken = http.RequestAborted;
        if (!http.Request.IsHttps && !options.Value.IsDevelopmentTransport)
        {
            return Challenge(http, "invalid_request", "This endpoint requires HTTPS (RFC 6750 section 5.3).", 400);
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsPost(http.Request.Method))
        {
            return Challenge(http, "invalid_request", "Use GET or POST (OIDC Core section 5.3.1).", 400);
        }

        string? fromHeader = null;
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (!AuthenticationHeaderValue.TryParse(header, out var value) || !string.Equals(value.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrEmpty(value.Parameter))
            {
                return Challenge(http, "invalid_request", "Send the access token as a Bearer token.", 400);
            }

            fromHeader = value.Parameter;
        }

        string? fromForm = null;
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
        {
            var form = await FormReader.ReadAsync(http.Request, cancellationToken);
            if (form.Failed)
            {
                return Challenge(http, "invalid_request", form.Error.Description, 400);
            }

            fromForm = form.Value.GetValueOrDefault("access_token");
        }

        if (fromHeader is not null && fromForm is not null)
        {
            return Challenge(http, "invalid_request", "Send the access token in one place only.", 400);
        }

        if ((fromHeader ?? fromForm) is not { } token)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.StatusCode(401);
        }

        var jwt = await reader.ReadAsync(token, cancellationToken);
        var subject = jwt is not null && jwt.TryGetPayloadValue<string>("sub", out var sub) ? sub : null;
        var scopes = jwt is not null && jwt.TryGetPayloadValue<string>("scope", out var scope) && scope is not null
            ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        var user = subject is null || !scopes.Contains("openid")
            ? null
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == subject && u.Enabled, cancellationToken);
        if (user is null)
        {
            return Challenge(http, "invalid_token", jwt is null ? "The access token is not valid." : "The access token does not identify a user.", 401);
        }

        var claims = new JsonObject { ["sub"] = user.Id };
        if (scopes.Contains("profile"))
        {
            claims["name"] = user.Name;
            claims["preferred_username"] = user.Username;
        }

        if (scopes.Contains("email"))
        {
            claims["email"] = user.Email;
        }

        if (scopes.Contains("address") && user.AddressJson is { } address)
        {
            claims["address"] = JsonNode.Parse(address);
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(claims);
    }

    /// <summary>An RFC 6750 §3 error: the challenge in <c>WWW-Authenticate</c>, and the same error as JSON.</summary>
    private static IResult Challenge(HttpContext http, string error, string description, int status)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer error=\"" + error + "\", error_description=\"" + description + "\"";
        return OAuthResults.Json(new Protocol.OAuthError(error, description, status), http.Response);
    }
}
