using Mandate.Server.Audit;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Diagnostics;
using Mandate.Server.Logging;
using Mandate.Server.Ping;
using Mandate.Server.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Ciba;

/// <summary>
/// The response step of <c>/bc-authorize</c>. <see cref="AcknowledgeAsync"/> records, in one explicit transaction,
/// the request object's use (CIBA §7.1.1), the request and its audit row (<see cref="BackchannelWriteQueue"/>); once
/// that committed it notifies the person's device and returns the acknowledgement (CIBA §7.3). <see cref="RefuseAsync"/>
/// records a refusal's audit row with the request object's use, so a refused request object cannot be sent again
/// either. A request object seen before is refused, on one instance or several sharing the database, whatever the
/// timing, and nothing of the losing request is written but its refusal's audit row.
/// </summary>
internal sealed class BackchannelRequestRecorder(
    BackchannelWriteQueue writes,
    AuditLog audit,
    PingDataProtector pingData,
    DeviceEventHub deviceEvents,
    Push.PushNoticeQueue pushNotices,
    TimeProvider time,
    IOptions<MandateServerOptions> options,
    ILogger<BackchannelRequestRecorder> logger)
{
    private const string AuditEvent = "ciba.request";

    /// <summary>Stores a valid request and notifies the device; <see cref="RequestObjectValidator.Replayed"/> when its
    /// request object was used before, or 429 <c>slow_down</c> when too many requests wait for the person (that refusal
    /// is recorded instead).</summary>
    public async Task<Result<BackchannelAcknowledgement>> AcknowledgeAsync(ValidatedBackchannelRequest request, JwtUse? requestObject)
    {
        var now = time.GetUtcNow();
        var authReqId = AuthReqId.Generate(now);
        var record = new BackchannelRequestRecord
        {
            Id = AuthReqId.GenerateDeviceId(now),
            AuthReqIdHash = AuthReqId.Hash(authReqId),
            ClientId = request.Client.ClientId,
            Subject = request.Subject,
            Scopes = string.Join(' ', request.Scopes.Scopes),
            AuthorizationDetailsJson = request.AuthorizationDetailsJson,
            Resource = request.Resource,
            BindingMessage = request.BindingMessage,
            AcrValues = request.AcrValues,
            DeliveryMode = request.DeliveryMode,
            ProtectedPingData = request.ClientNotificationToken is { } token ? pingData.Protect(authReqId, token) : null,
            Status = BackchannelRequestStatus.Pending,
            CreatedAt = now,
            ExpiresAt = now + request.ExpiresIn,
            IntervalSeconds = options.Value.CibaIntervalSeconds,
            TraceParent = MandateServerTelemetry.CurrentTraceParent(),
        };
        var entry = audit.Create(AuditEvent, record.ClientId, record.Subject, record.Scopes, record.AuthorizationDetailsJson, "success");
        if (await WriteAsync(requestObject, record, entry) is { } replayed)
        {
            return replayed;
        }

        Log.CibaRequestCreated(logger, record.Id, record.ClientId, record.DeliveryMode);
        deviceEvents.Publish(record.Subject, new DeviceEvent("created", record.Id));
        pushNotices.Enqueue(new Push.PushNotice(record.Id, record.Subject, request.Client.DisplayName, record.BindingMessage, record.ExpiresAt));
        return new BackchannelAcknowledgement(authReqId, (int)request.ExpiresIn.TotalSeconds, record.IntervalSeconds);
    }

    /// <summary>Records a refusal (its audit row, and the request object's use when there is one) and returns the error
    /// to answer with: <paramref name="error"/>, or <see cref="RequestObjectValidator.Replayed"/> when the request object
    /// was used before.</summary>
    public async Task<OAuthError> RefuseAsync(string clientId, OAuthError error, JwtUse? requestObject)
    {
        var entry = audit.Create(AuditEvent, clientId, null, null, null, error.Code);
        if (await WriteAsync(requestObject, null, entry) is { } replayed)
        {
            return replayed;
        }

        Log.CibaRequestRefused(logger, clientId, error.Code);
        return error;
    }

    /// <summary>Writes the unit; null when written as planned, else the error of the refusal written instead: a replay,
    /// or too many requests waiting for the person (<see cref="PendingRequestPolicy"/>).</summary>
    private async Task<OAuthError?> WriteAsync(JwtUse? requestObject, BackchannelRequestRecord? record, AuditEntry entry)
    {
        var replayed = RequestObjectValidator.Replayed;
        var ifReplayed = audit.Create(AuditEvent, entry.ClientId, null, null, null, replayed.Code);
        var ifTooMany = record is null ? null : audit.Create(AuditEvent, entry.ClientId, record.Subject, record.Scopes, null, PendingRequestPolicy.TooManyCode);
        var outcome = await writes.WriteAsync(new BackchannelWrite(requestObject, record, entry, ifReplayed, ifTooMany));
        if (outcome.Written)
        {
            audit.Committed(entry);
            return null;
        }

        var (written, error) = outcome.Replayed ? (ifReplayed, replayed) : (ifTooMany!, PendingRequestPolicy.TooMany(outcome.Pending!));
        audit.Committed(written);
        Log.CibaRequestRefused(logger, entry.ClientId, error.Code);
        return error;
    }
}
