using Mandate.Server.Authentication;
using Mandate.Server.Configuration;
using Mandate.Server.Protocol;
using Mandate.Server.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>POST /introspect</c> (RFC 7662 §2): require TLS outside development → read the form → authenticate the client
/// (<see cref="ClientAuthenticator"/>; 401 <c>invalid_client</c>) → its introspection endpoint permission
/// (<c>unauthorized_client</c>) → a <c>token</c> parameter (<c>invalid_request</c>) → <see cref="TokenIntrospection"/> →
/// 200 JSON with <c>Cache-Control: no-store</c>.
/// </summary>
internal sealed class IntrospectionHandler(ClientAuthenticator authenticator, TokenIntrospection introspection, IOptions<MandateServerOptions> options)
{
    /// <summary>Handles the request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        if (!http.Request.IsHttps && !options.Value.IsDevelopmentTransport)
        {
            return OAuthResults.Json(OAuthError.InvalidRequest("This endpoint requires HTTPS (RFC 7662 section 4)."), http.Response);
        }

        var form = await FormReader.ReadAsync(http.Request, cancellationToken);
        if (form.Failed)
        {
            return OAuthResults.Json(form.Error, http.Response);
        }

        var credentials = FormReader.ReadClientCredentials(http.Request, form.Value);
        var client = await authenticator.AuthenticateAsync(credentials, cancellationToken);
        if (client.Failed)
        {
            return OAuthResults.Json(client.Error, http.Response, credentials.TriedBasic);
        }

        if (!client.Value.AllowsEndpoint("introspection"))
        {
            return OAuthResults.Json(OAuthError.UnauthorizedClient("The client is not allowed to use the introspection endpoint."), http.Response);
        }

        if (form.Value.GetValueOrDefault("token") is not { } token)
        {
            return OAuthResults.Json(OAuthError.InvalidRequest("The token parameter is required."), http.Response);
        }

        var answer = await introspection.IntrospectAsync(token, client.Value.ClientId, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return Results.Json(answer);
    }
}
