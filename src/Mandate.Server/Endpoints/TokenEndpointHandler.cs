using Mandate.Server.Audit;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Configuration;
using Mandate.Server.Logging;
using Mandate.Server.Protocol;
using Mandate.Server.Scopes;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Mandate.Server.Endpoints;

/// <summary>
/// The token endpoint after OpenIddict has parsed the request, authenticated the client and checked its grant-type
/// permission (passthrough). Issues tokens for <c>client_credentials</c> and the CIBA grant.
/// </summary>
public sealed class TokenEndpointHandler(
    ClientDirectory clients,
    ScopeCatalog scopes,
    BackchannelRequestStore requests,
    PollTracker polls,
    AuditLog audit,
    TimeProvider time,
    IOptions<MandateServerOptions> options,
    ILogger<TokenEndpointHandler> logger)
{
    /// <summary>Handles the request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        http.Items[OpenIddictHandlers.TokenErrorNormalizationHandler.ReachedHandlerKey] = true;
        var request = http.GetOpenIddictServerRequest();
        if (request?.ClientId is not { } clientId || await clients.FindAsync(clientId, http.RequestAborted) is not { } client)
        {
            return OAuthResults.ThroughOpenIddict(OAuthError.InvalidClient("Client authentication failed."));
        }

        if (request.IsClientCredentialsGrantType())
        {
            return ClientCredentials(client, request.Scope);
        }

        if (request.GrantType == MandateEndpoints.CibaGrantType)
        {
            return await CibaAsync(client, (string?)request["auth_req_id"], http.RequestAborted);
        }

        return OAuthResults.ThroughOpenIddict(new OAuthError("unsupported_grant_type", "The grant type is not supported."));
    }

    private IResult ClientCredentials(RegisteredClient client, string? scope)
    {
        var grant = ScopePolicy.Evaluate(scope, client.AllowedScopes, scopes.Find, clientCredentials: true);
        if (grant.Failed)
        {
            return OAuthResults.ThroughOpenIddict(grant.Error);
        }

        audit.Record("token.client_credentials", client.ClientId, string.Join(' ', grant.Value.Scopes), "success");
        return SignIn(TokenPrincipalFactory.ForClient(client.ClientId, grant.Value, options.Value.IssuerString));
    }

    private async Task<IResult> CibaAsync(RegisteredClient client, string? authReqId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authReqId))
        {
            return OAuthResults.ThroughOpenIddict(OAuthError.InvalidRequest("The auth_req_id parameter is required."));
        }

        if (client.Ciba.DeliveryMode is not ("poll" or "ping"))
        {
            return OAuthResults.ThroughOpenIddict(OAuthError.UnauthorizedClient("The client is not registered for poll or ping."));
        }

        var now = time.GetUtcNow();
        var record = AuthReqId.IsWellFormed(authReqId) ? await requests.FindByAuthReqIdAsync(authReqId, cancellationToken) : null;
        if (record is not null)
        {
            polls.Apply(record);
        }

        var decision = BackchannelRequestStateMachine.Poll(record, client.ClientId, now);
        if (decision.RecordPoll)
        {
            polls.Record(record!.Id, now, decision.IntervalSeconds, record.ExpiresAt);
        }
        else if (record is not null && record.ClientId == client.ClientId)
        {
            polls.Forget(record.Id);
        }

        if (decision.Error is { } error)
        {
            return OAuthResults.ThroughOpenIddict(error);
        }

        if (!await requests.TryRedeemAsync(record!.Id, now, cancellationToken))
        {
            return OAuthResults.ThroughOpenIddict(OAuthError.InvalidGrant("The auth_req_id is not valid for this client."));
        }

        var grant = ScopePolicy.Evaluate(record.Scopes, client.AllowedScopes, scopes.Find, clientCredentials: false);
        if (grant.Failed)
        {
            return OAuthResults.ThroughOpenIddict(OAuthError.InvalidGrant("The client may no longer use the approved scopes."));
        }

        await audit.WriteAsync("ciba.redeem", client.ClientId, record.Subject, record.Scopes, record.AuthorizationDetailsJson, "success", cancellationToken);
        Log.CibaRedeemed(logger, record.Id, client.ClientId);
        return SignIn(TokenPrincipalFactory.ForUser(record, grant.Value, options.Value.IssuerString));
    }

    private static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
