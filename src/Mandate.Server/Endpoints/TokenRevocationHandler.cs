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
/// <c>POST /token/revoke</c> (RFC 7009 §2): TLS, the form and the client with the token endpoint's methods
/// (<see cref="ClientRequestReader"/>; 401 <c>invalid_client</c>) →
/// <see cref="TokenRevocation"/> → 200 with an empty body, whatever the token was (§2.2).
/// </summary>
internal sealed class TokenRevocationHandler(
    ClientRequestReader reader,
    TokenRevocation revocation,
    ILogger<TokenRevocationHandler> logger)
{
    /// <summary>Handles the request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var request = await reader.ReadAsync(http.Request, "RFC 7009 section 5", cancellationToken);
        if (request.Failed)
        {
            return request.Refuse(http.Response);
        }

        var outcome = await revocation.RevokeAsync(request.Form.GetValueOrDefault("token"), request.Client.ClientId, cancellationToken);
        if (outcome.Failed)
        {
            return OAuthResults.Json(outcome.Error, http.Response);
        }

        Log.TokenRevocation(logger, request.Client.ClientId, outcome.Value);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok();
    }
}
