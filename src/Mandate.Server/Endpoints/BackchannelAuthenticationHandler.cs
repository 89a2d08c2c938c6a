using Mandate.Server.Authentication;
using Mandate.Server.Ciba;
using Mandate.Server.Configuration;
using Mandate.Server.Diagnostics;
using Mandate.Server.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Endpoints;

/// <summary>
/// <c>POST /bc-authorize</c> (CIBA §7), in three steps: client authentication (<see cref="ClientRequestReader"/>: TLS,
/// the form, the client), request validation (<see cref="BackchannelRequestValidator"/>: the checks, in order), and
/// the response (<see cref="BackchannelRequestRecorder"/>: one transaction for the request object's use, the request
/// and the audit row, then the device is notified) → 200 <c>{auth_req_id, expires_in, interval}</c> (CIBA §7.3) or an
/// error (CIBA §13).
/// </summary>
internal sealed class BackchannelAuthenticationHandler(
    ClientRequestReader reader,
    BackchannelRequestValidator validator,
    BackchannelRequestRecorder recorder,
    IOptions<MandateServerOptions> options,
    ILogger<BackchannelAuthenticationHandler> logger)
{
    /// <summary>Handles the request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        using var activity = MandateServerTelemetry.Source.StartActivity("ciba.backchannel_authentication");
        var client = await reader.ReadAsync(http.Request, "CIBA section 7", cancellationToken);
        if (client.Failed)
        {
            Log.CibaRequestRefused(logger, null, client.Error.Code);
            MandateServerTelemetry.Refused(activity, client.Error.Code);
            return client.Refuse(http.Response);
        }

        var clientId = client.Client.ClientId;
        activity?.SetTag("oauth.client_id", clientId);
        var validation = await validator.ValidateAsync(client.Client, client.Form, Limits(options.Value), cancellationToken);
        if (validation.Failed)
        {
            var refusal = await recorder.RefuseAsync(clientId, validation.Error, validation.RequestObject);
            MandateServerTelemetry.Refused(activity, refusal.Code);
            return OAuthResults.Json(refusal, http.Response);
        }

        activity?.SetTag("ciba.delivery_mode", validation.Request.DeliveryMode);
        var acknowledged = await recorder.AcknowledgeAsync(validation.Request, validation.RequestObject);
        if (acknowledged.Failed)
        {
            MandateServerTelemetry.Refused(activity, acknowledged.Error.Code);
            return OAuthResults.Json(acknowledged.Error, http.Response);
        }

        return BackchannelResponse.Write(acknowledged.Value, http.Response);
    }

    /// <summary>The limits derived from configuration (the accepted audiences are <see cref="Tokens.JwtValidation.ClientAudiences"/>).</summary>
    public static BackchannelLimits Limits(MandateServerOptions o) => new(
        TimeSpan.FromSeconds(o.CibaDefaultExpirySeconds),
        TimeSpan.FromSeconds(o.CibaMaxExpirySeconds),
        o.RequireOpenIdScope,
        new RequestObjectPolicy(TimeSpan.FromSeconds(o.RequestObjectMaxLifetimeSeconds), o.Ciba.RequireJtiAndNbf));
}
