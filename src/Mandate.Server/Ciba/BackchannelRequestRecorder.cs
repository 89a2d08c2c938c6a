using System.Security.Cryptography;
using Mandate.Server.Audit;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Logging;
using Mandate.Server.Ping;
using Mandate.Server.Protocol;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Ciba;

/// <summary>
/// The response step of <c>/bc-authorize</c>. <see cref="AcknowledgeAsync"/> records, in one explicit transaction,
/// the request object's use (CIBA §7.1.1), the request and its audit row; once that committed it notifies the
/// person's device and returns the acknowledgement (CIBA §7.3). <see cref="RefuseAsync"/> records a refusal's audit
/// row with the request object's use, so a refused request object cannot be sent again either. A request object seen
/// before fails on the <c>UsedJwtIds</c> primary key, on one instance or several sharing the database, whatever the
/// timing: nothing is read first, and nothing of the losing request is written.
/// </summary>
internal sealed class BackchannelRequestRecorder(
    MandateDbContext db,
    AuditLog audit,
    PingDataProtector pingData,
    DeviceEventHub deviceEvents,
    TimeProvider time,
    IOptions<MandateServerOptions> options,
    ILogger<BackchannelRequestRecorder> logger)
{
    private const string AuditEvent = "ciba.request";

    /// <summary>Stores a valid request and notifies the device; <see cref="RequestObjectValidator.Replayed"/> when its
    /// request object was used before (that refusal is recorded instead).</summary>
    public async Task<Result<BackchannelAcknowledgement>> AcknowledgeAsync(
        ValidatedBackchannelRequest request, JwtUse? requestObject, CancellationToken cancellationToken)
    {
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
        var entry = audit.Create(AuditEvent, record.ClientId, record.Subject, record.Scopes, record.AuthorizationDetailsJson, "success");
        if (!await TryWriteAsync(requestObject, record, entry, cancellationToken))
        {
            return await RefuseAsync(record.ClientId, RequestObjectValidator.Replayed, requestObject: null, cancellationToken);
        }

        audit.Committed(entry);
        Log.CibaRequestCreated(logger, record.Id, record.ClientId, record.DeliveryMode);
        deviceEvents.Publish(record.Subject, new DeviceEvent("created", record.Id));
        return new BackchannelAcknowledgement(authReqId, (int)request.ExpiresIn.TotalSeconds, record.IntervalSeconds);
    }

    /// <summary>Records a refusal (its audit row, and the request object's use when there is one) and returns the error
    /// to answer with: <paramref name="error"/>, or <see cref="RequestObjectValidator.Replayed"/> when the request object
    /// was used before.</summary>
    public async Task<OAuthError> RefuseAsync(string clientId, OAuthError error, JwtUse? requestObject, CancellationToken cancellationToken)
    {
        var entry = audit.Create(AuditEvent, clientId, null, null, null, error.Code);
        if (!await TryWriteAsync(requestObject, record: null, entry, cancellationToken))
        {
            error = RequestObjectValidator.Replayed;
            entry = audit.Create(AuditEvent, clientId, null, null, null, error.Code);
            await TryWriteAsync(requestObject: null, record: null, entry, cancellationToken);
        }

        audit.Committed(entry);
        Log.CibaRequestRefused(logger, clientId, error.Code);
        return error;
    }

    /// <summary>One transaction: the use, the request, the audit row. False, with nothing written, when the use was
    /// recorded before.</summary>
    private async Task<bool> TryWriteAsync(JwtUse? requestObject, BackchannelRequestRecord? record, AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        try
        {
            if (requestObject is not null)
            {
                if (RandomNumberGenerator.GetInt32(64) == 0)
                {
                    // Now and then, remove the uses that have expired, so the table holds only live ones.
                    var now = time.GetUtcNow();
                    await db.UsedJwtIds.Where(j => j.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
                }

                db.UsedJwtIds.Add(new UsedJwtId { Id = requestObject.Key, ExpiresAt = requestObject.ExpiresAt });
            }

            if (record is not null)
            {
                db.BackchannelRequests.Add(record);
            }

            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // The only key a caller can repeat is the use's: request ids are random and audit ids are generated.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
