using Mandate.Server.Audit;
using Mandate.Server.Authentication;
using Mandate.Server.Ciba;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Logging;
using Mandate.Server.Ping;
using Mandate.Server.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>POST /bc-authorize</c> (CIBA §7): TLS, the form and the client (<see cref="ClientRequestReader"/>) → validate the request → store it
/// → notify the user's device → 200 <c>{auth_req_id, expires_in, interval}</c>.
/// </summary>
internal sealed class BackchannelAuthenticationHandler(
    ClientRequestReader reader,
    BackchannelRequestValidator validator,
    BackchannelRequestStore store,
    PingDataProtector pingData,
    DeviceEventHub deviceEvents,
    AuditLog audit,
    TimeProvider time,
    IOptions<MandateServerOptions> options,
    ILogger<BackchannelAuthenticationHandler> logger)
{
    /// <summary>Handles the request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var client = await reader.ReadAsync(http.Request, "CIBA section 7", cancellationToken);
        if (client.Failed)
        {
            Log.CibaRequestRefused(logger, null, client.Error.Code);
            return client.Refuse(http.Response);
        }

        var limits = Limits(options.Value);

        // The request object's jti is reserved, not yet saved: it is written with the request below, or with the
        // refusal's audit row, in one commit either way.
        var validated = await validator.ValidateAsync(client.Client, client.Form, limits, cancellationToken);
        if (validated.Failed)
        {
            return await RefuseAndAuditAsync(client.Client.ClientId, validated.Error, http);
        }

        var request = validated.Value;
        var now = time.GetUtcNow();
        var authReqId = AuthReqId.Generate();
        var record = new BackchannelRequestRecord
        {
            Id = AuthReqId.GenerateDeviceId(),
            AuthReqIdHash = AuthReqId.Hash(authReqId),
            ClientId = request.Client.ClientId,
            Subject = request.Subject,
            Scopes = string.Join(' ', request.Scopes.Scopes),
            AuthorizationDetailsJson = request.AuthorizationDetailsJson,
            BindingMessage = request.BindingMessage,
            AcrValues = request.AcrValues,
            DeliveryMode = request.DeliveryMode,
            ProtectedPingData = request.ClientNotificationToken is { } token ? pingData.Protect(authReqId, token) : null,
            Status = BackchannelRequestStatus.Pending,
            CreatedAt = now,
            ExpiresAt = now + request.ExpiresIn,
            IntervalSeconds = options.Value.CibaIntervalSeconds,
        };
        var audited = audit.Stage("ciba.request", record.ClientId, record.Subject, record.Scopes, record.AuthorizationDetailsJson, "success");
        try
        {
            await store.AddAsync(record, cancellationToken);
            audit.Committed(audited);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // The same request object sent twice at once: the other copy was saved first (CIBA section 7.1.1, jti).
            return await RefuseAndAuditAsync(record.ClientId, RequestObjectValidator.Replayed, http);
        }

        Log.CibaRequestCreated(logger, record.Id, record.ClientId, record.DeliveryMode);
        deviceEvents.Publish(record.Subject, new DeviceEvent("created", record.Id));

        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new Dictionary<string, object>
        {
            ["auth_req_id"] = authReqId,
            ["expires_in"] = (int)request.ExpiresIn.TotalSeconds,
            ["interval"] = record.IntervalSeconds,
        });
    }

    /// <summary>The limits derived from configuration (the accepted audiences are <see cref="Tokens.JwtValidation.ClientAudiences"/>).</summary>
    public static BackchannelLimits Limits(MandateServerOptions o) => new(
        TimeSpan.FromSeconds(o.CibaDefaultExpirySeconds),
        TimeSpan.FromSeconds(o.CibaMaxExpirySeconds),
        o.RequireOpenIdScope,
        new RequestObjectPolicy(TimeSpan.FromSeconds(o.RequestObjectMaxLifetimeSeconds), o.Ciba.RequireJtiAndNbf));

    private async Task<IResult> RefuseAndAuditAsync(string clientId, OAuthError error, HttpContext http)
    {
        try
        {
            await audit.WriteAsync("ciba.request", clientId, null, null, null, error.Code, http.RequestAborted);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // A copy of this request object sent at the same moment recorded its jti first; this refusal is audited
            // without it.
            await audit.WriteAsync("ciba.request", clientId, null, null, null, error.Code, http.RequestAborted);
        }

        return Refuse(clientId, error, http);
    }

    private IResult Refuse(string? clientId, OAuthError error, HttpContext http)
    {
        Log.CibaRequestRefused(logger, clientId, error.Code);
        return OAuthResults.Json(error, http.Response);
    }
}
