using Mandate.Server.Authentication;
using Mandate.Server.Protocol;
using Mandate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>POST /introspect</c> (RFC 7662 §2): TLS, the form and the client (<see cref="ClientRequestReader"/>; 401
/// <c>invalid_client</c>) → its introspection endpoint permission
/// (<c>unauthorized_client</c>) → a <c>token</c> parameter (<c>invalid_request</c>) → <see cref="TokenIntrospection"/> →
/// 200 JSON with <c>Cache-Control: no-store</c>.
/// </summary>
internal sealed class IntrospectionHandler(ClientRequestReader reader, TokenIntrospection introspection)
{
    /// <summary>Handles the request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var request = await reader.ReadAsync(http.Request, "RFC 7662 section 4", cancellationToken);
        if (request.Failed)
        {
            return request.Refuse(http.Response);
        }

        if (!request.Client.AllowsEndpoint("introspection"))
        {
            return OAuthResults.Json(OAuthError.UnauthorizedClient("The client is not allowed to use the introspection endpoint."), http.Response);
        }

        if (request.Form.GetValueOrDefault("token") is not { } token)
        {
            return OAuthResults.Json(OAuthError.InvalidRequest("The token parameter is required."), http.Response);
        }

        var answer = await introspection.IntrospectAsync(token, request.Client.ClientId, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return Results.Json(answer);
    }
}
