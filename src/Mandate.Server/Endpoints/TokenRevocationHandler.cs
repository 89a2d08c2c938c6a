using Mandate.Server.Authentication;
using Mandate.Server.Configuration;
using Mandate.Server.Logging;
using Mandate.Server.Protocol;
using Mandate.Server.Revocation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>POST /token/revoke</c> (RFC 7009 §2): require TLS outside development → read the form → authenticate the client
/// with the token endpoint's methods (<see cref="ClientAuthenticator"/>; 401 <c>invalid_client</c>) →
/// <see cref="TokenRevocation"/> → 200 with an empty body, whatever the token was (§2.2).
/// </summary>
internal sealed class TokenRevocationHandler(
    ClientAuthenticator authenticator,
    TokenRevocation revocation,
    IOptions<MandateServerOptions> options,
    ILogger<TokenRevocationHandler> logger)
{
    /// <summary>Handles the request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var o = options.Value;
        if (!http.Request.IsHttps && !o.IsDevelopmentTransport)
        {
            return OAuthResults.Json(OAuthError.InvalidRequest("This endpoint requires HTTPS (RFC 7009 section 5)."), http.Response);
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

        var outcome = await revocation.RevokeAsync(form.Value.GetValueOrDefault("token"), client.Value.ClientId, cancellationToken);
        if (outcome.Failed)
        {
            return OAuthResults.Json(outcome.Error, http.Response);
        }

        Log.TokenRevocation(logger, client.Value.ClientId, outcome.Value);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok();
    }
}
