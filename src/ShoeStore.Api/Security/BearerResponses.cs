using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ShoeStore.Api.Mcp;
using ShoeStore.Api.Problems;

namespace ShoeStore.Api.Security;

/// <summary>Writes RFC 6750 error responses: the <c>WWW-Authenticate: Bearer</c> challenge and an RFC 9457 body.</summary>
internal static class BearerResponses
{
    /// <summary>401 without a usable token: no <c>error</c> attribute (RFC 6750 §3.1).</summary>
    public static Task NoTokenAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, error: null, scope: null,
            ProblemTypes.Unauthorized, "Authentication required",
            "Send an access token in the Authorization header: Authorization: Bearer <token>");

    /// <summary>401 <c>invalid_token</c>.</summary>
    public static Task InvalidTokenAsync(HttpContext context, string description) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, BearerErrorCodes.InvalidToken, scope: null,
            ProblemTypes.InvalidToken, "Invalid access token", description);

    /// <summary>400 <c>invalid_request</c>.</summary>
    public static Task InvalidRequestAsync(HttpContext context, string description) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, BearerErrorCodes.InvalidRequest, scope: null,
            ProblemTypes.InvalidRequest, "Invalid request", description);

    /// <summary>403 <c>insufficient_scope</c> with the <c>scope</c> attribute.</summary>
    public static Task InsufficientScopeAsync(HttpContext context, string scope, string description, string problemType = ProblemTypes.InsufficientScope) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, BearerErrorCodes.InsufficientScope, scope,
            problemType, "Insufficient scope", description);

    /// <summary>The challenge header value for a 403 refusal that an endpoint (not the policy) decides.</summary>
    public static string InsufficientScopeChallenge(HttpContext context, string scope, string description) =>
        Challenge(context, BearerErrorCodes.InsufficientScope, description, scope).ToHeaderValue();

    private static async Task WriteAsync(
        HttpContext context, int status, string? error, string? scope, string type, string title, string description)
    {
        context.Response.StatusCode = status;
        context.Response.Headers[HeaderNames.WWWAuthenticate] =
            Challenge(context, error, error is null ? null : description, scope).ToHeaderValue();
        context.Response.Headers.CacheControl = "no-store";
        await TypedResults.Problem(description, statusCode: status, title: title, type: type).ExecuteAsync(context);
    }

    /// <summary>
    /// The challenge for this request's resource: the REST API (realm = its audience), or the MCP endpoint (realm =
    /// the MCP resource, and <c>resource_metadata</c> on every 401 and 403, RFC 9728 §5.1).
    /// </summary>
    private static BearerChallenge Challenge(HttpContext context, string? error, string? description, string? scope)
    {
        var mcp = context.RequestServices.GetRequiredService<McpResource>();
        return mcp.Serves(context.Request)
            ? new BearerChallenge(mcp.Identifier, error, description, scope, mcp.MetadataUrl)
            : new BearerChallenge(context.RequestServices.GetRequiredService<IOptions<ShoeStoreOptions>>().Value.Audience, error, description, scope);
    }
}
