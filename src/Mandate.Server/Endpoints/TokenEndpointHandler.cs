using Mandate.Server.Audit;
using Mandate.Server.Authentication;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Configuration;
using Mandate.Server.Diagnostics;
using Mandate.Server.Logging;
using Mandate.Server.Protocol;
using Mandate.Server.Scopes;
using Mandate.Server.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>POST /access_token</c> (RFC 6749 §3.2): TLS, the form (POST, form-urlencoded, no repeated parameter) and the
/// client (<see cref="ClientRequestReader"/>, <see cref="ClientAuthenticator"/>; 401 <c>invalid_client</c>) →
/// <c>grant_type</c> present (<c>invalid_request</c>) and one of <c>client_credentials</c> (RFC 6749 §4.4) or
/// <c>urn:openid:params:grant-type:ciba</c> (CIBA §10.1) (<c>unsupported_grant_type</c>) → the client's token endpoint and grant-type permissions
/// (<c>unauthorized_client</c>) → the grant → <see cref="TokenIssuer"/> → 200 JSON (RFC 6749 §5.1) with
/// <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c>. Errors are RFC 6749 §5.2 JSON.
/// </summary>
internal sealed class TokenEndpointHandler(
    ClientRequestReader reader,
    ScopeCatalog scopes,
    BackchannelRequestStore requests,
    PollTracker polls,
    AuditLog audit,
    TokenIssuer issuer,
    TimeProvider time,
    ILogger<TokenEndpointHandler> logger)
{
    private const string ClientCredentials = "client_credentials";

    /// <summary>The grant types served (advertised as <c>grant_types_supported</c>).</summary>
    public static readonly IReadOnlyList<string> GrantTypes = [ClientCredentials, MandateEndpoints.CibaGrantType];

    /// <summary>Handles the request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var request = await reader.ReadAsync(http.Request, "RFC 6749 section 3.2", cancellationToken);
        if (request.Failed)
        {
            return request.Refuse(http.Response);
        }

        var (form, client) = (request.Form, request.Client);
        if (form.GetValueOrDefault("grant_type") is not { } grantType)
        {
            return OAuthResults.Json(OAuthError.InvalidRequest("The grant_type parameter is required."), http.Response);
        }

        if (!GrantTypes.Contains(grantType))
        {
            return OAuthResults.Json(new OAuthError("unsupported_grant_type", "The grant type is not supported."), http.Response);
        }

        if (!client.AllowsEndpoint("token") || !client.AllowsGrantType(grantType))
        {
            return OAuthResults.Json(OAuthError.UnauthorizedClient("The client is not allowed to use this grant type."), http.Response);
        }

        using var activity = MandateServerTelemetry.Source.StartActivity("oauth.token");
        activity?.SetTag("oauth.grant_type", grantType);
        activity?.SetTag("oauth.client_id", client.ClientId);
        var result = grantType == ClientCredentials
            ? ClientCredentialsGrant(client, form.GetValueOrDefault("scope"), form.GetValueOrDefault("resource"))
            : await CibaGrantAsync(client, form.GetValueOrDefault("auth_req_id"), cancellationToken);
        if (result.Failed)
        {
            MandateServerTelemetry.Refused(activity, result.Error.Code);
            return OAuthResults.Json(result.Error, http.Response);
        }

        return TokenResponse.Write(result.Value, http.Response);
    }

    private Result<IssuedTokens> ClientCredentialsGrant(RegisteredClient client, string? scope, string? resource)
    {
        var grant = ScopePolicy.Evaluate(scope, client.AllowedScopes, scopes.Find, clientCredentials: true);
        if (grant.Failed)
        {
            return grant.Error;
        }

        var audience = ResourceIndicator.Select(resource, client.Resources);
        if (audience.Failed)
        {
            return audience.Error;
        }

        audit.Record("token.client_credentials", client.ClientId, string.Join(' ', grant.Value.Scopes), "success");
        return issuer.ForClient(client.ClientId, audience.Value is { } target ? grant.Value with { Audience = target } : grant.Value);
    }

    private async Task<Result<IssuedTokens>> CibaGrantAsync(RegisteredClient client, string? authReqId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authReqId))
        {
            return OAuthError.InvalidRequest("The auth_req_id parameter is required.");
        }

        if (client.Ciba.DeliveryMode is not ("poll" or "ping"))
        {
            return OAuthError.UnauthorizedClient("The client is not registered for poll or ping.");
        }

        var now = time.GetUtcNow();
        var hash = AuthReqId.IsWellFormed(authReqId) ? AuthReqId.Hash(authReqId) : null;
        if (hash is not null && polls.TryAnswerTooEarly(hash, client.ClientId, now, out var early))
        {
            return early.Error!;
        }

        var version = polls.Version;
        var record = hash is not null ? await requests.FindByAuthReqIdHashAsync(hash, cancellationToken) : null;
        if (record is not null)
        {
            polls.Apply(record);
        }

        var decision = BackchannelRequestStateMachine.Poll(record, client.ClientId, now);
        if (decision.RecordPoll)
        {
            polls.Record(record!, now, decision.IntervalSeconds, version);
        }
        else if (record is not null && record.ClientId == client.ClientId)
        {
            polls.Forget(record.Id);
        }

        if (decision.Error is { } error)
        {
            return error;
        }

        if (!await requests.TryRedeemAsync(record!.Id, now, cancellationToken))
        {
            return OAuthError.InvalidGrant("The auth_req_id is not valid for this client.");
        }

        var grant = ScopePolicy.Evaluate(record.Scopes, client.AllowedScopes, scopes.Find, clientCredentials: false);
        if (grant.Failed)
        {
            return OAuthError.InvalidGrant("The client may no longer use the approved scopes.");
        }

        await audit.WriteAsync("ciba.redeem", client.ClientId, record.Subject, record.Scopes, record.AuthorizationDetailsJson, "success", cancellationToken);
        Log.CibaRedeemed(logger, record.Id, client.ClientId);
        return issuer.ForUser(record, record.Resource is { } resource ? grant.Value with { Audience = resource } : grant.Value);
    }
}
