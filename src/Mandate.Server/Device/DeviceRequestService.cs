using System.Diagnostics;
using System.Text.Json.Nodes;
using Mandate.Server.Audit;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Data;
using Mandate.Server.Diagnostics;
using Mandate.Server.Logging;
using Mandate.Server.Passkeys;
using Mandate.Server.Ping;
using Mandate.Server.Scopes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Device;

/// <summary>The person's side of CIBA (CIBA §8): list their pending requests, approve or deny one.</summary>
internal sealed class DeviceRequestService(
    BackchannelRequestStore store,
    MandateDbContext db,
    ClientDirectory clients,
    ScopeCatalog scopes,
    DeviceEventHub events,
    PollTracker polls,
    PingQueue pings,
    AuditLog audit,
    PasskeyStore passkeys,
    PasskeyPolicy passkeyPolicy,
    TimeProvider time,
    ILogger<DeviceRequestService> logger)
{
    /// <summary>Pending requests of the user, as the device API returns them.</summary>
    public async Task<JsonArray> ListPendingAsync(string subject, CancellationToken cancellationToken)
    {
        var list = new JsonArray();
        foreach (var request in await store.ListPendingAsync(subject, time.GetUtcNow(), cancellationToken))
        {
            list.Add(await ToJsonAsync(request, cancellationToken));
        }

        return list;
    }

    /// <summary>The user's decided requests, newest first (at most 50).</summary>
    public async Task<JsonArray> ListHistoryAsync(string subject, CancellationToken cancellationToken)
    {
        var decided = await db.BackchannelRequests.AsNoTracking()
            .Where(r => r.Subject == subject && r.Status != BackchannelRequestStatus.Pending)
            .OrderByDescending(r => r.CreatedAt).Take(50).ToListAsync(cancellationToken);
        var list = new JsonArray();
        foreach (var request in decided)
        {
            var item = await ToJsonAsync(request, cancellationToken);
            item["status"] = request.Status is BackchannelRequestStatus.Denied ? "denied" : "approved";
            item["decided_at"] = request.DecidedAt?.ToString("O");
            list.Add(item);
        }

        return list;
    }

    /// <summary>
    /// Approves or denies with a click in a session signed in by <paramref name="signInMethod"/>; the check says 404 or
    /// 409 when it cannot, and <see cref="DeviceDecisionCheck.PasskeyRequired"/> for an approval that needs the
    /// person's passkey (<see cref="PasskeyPolicy.RequiresPasskey"/>, once they have one). Denying never needs one.
    /// </summary>
    public async Task<DeviceDecisionCheck> DecideAsync(string subject, string id, bool approve, string signInMethod, CancellationToken cancellationToken)
    {
        var request = id.Length <= 64 ? await store.FindAsync(id, cancellationToken) : null;
        var check = BackchannelRequestStateMachine.CanDecide(request, subject, time.GetUtcNow());
        if (check != DeviceDecisionCheck.Allowed)
        {
            return check;
        }

        if (approve && passkeyPolicy.RequiresPasskey(request!.Scopes, request.AcrValues) && await passkeys.AnyAsync(subject, cancellationToken))
        {
            return DeviceDecisionCheck.PasskeyRequired;
        }

        var method = !approve ? null : signInMethod == DeviceSignInMethod.Passkey ? ApprovalMethod.PasskeySession : ApprovalMethod.Password;
        return await RecordAsync(request!, approve, method, evidence: null, cancellationToken);
    }

    /// <summary>Approves with a verified passkey assertion (<see cref="PasskeyApproval.VerifyAsync"/>): the decision,
    /// the approval receipt, the passkey's new counter and the audit row in one transaction.</summary>
    public async Task<DeviceDecisionCheck> ApproveWithPasskeyAsync(string subject, ApprovalEvidence evidence, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(evidence.Receipt.RequestId, cancellationToken);
        var check = BackchannelRequestStateMachine.CanDecide(request, subject, time.GetUtcNow());
        return check == DeviceDecisionCheck.Allowed
            ? await RecordAsync(request!, approve: true, ApprovalMethod.Passkey, evidence, cancellationToken)
            : check;
    }

    // One transaction: the conditional state change (WHERE Status = Pending, so two decisions cannot both win), the
    // passkey's counter, the receipt and the audit row, all or nothing.
    private async Task<DeviceDecisionCheck> RecordAsync(
        BackchannelRequestRecord request, bool approve, string? method, ApprovalEvidence? evidence, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (id, subject) = (request.Id, request.Subject);
        var decision = approve ? "approved" : "denied";
        using var activity = MandateServerTelemetry.StartInTraceOf("ciba.decision", request.TraceParent);
        activity?.SetTag("oauth.client_id", request.ClientId);
        activity?.SetTag("ciba.decision", decision);
        activity?.SetTag("ciba.approval_method", method);
        var entry = audit.Create("ciba." + (approve ? "approve" : "deny"), request.ClientId, subject, request.Scopes, request.AuthorizationDetailsJson, decision);
        await using (var transaction = await db.BeginWriteTransactionAsync(cancellationToken))
        {
            if (evidence is not null && !await passkeys.TryRecordUseAsync(evidence.PasskeyId, evidence.CheckedSignCount, evidence.NewSignCount, now, cancellationToken))
            {
                activity?.SetStatus(ActivityStatusCode.Error, "passkey refused");
                return DeviceDecisionCheck.PasskeyRefused;
            }

            var status = approve ? BackchannelRequestStatus.Approved : BackchannelRequestStatus.Denied;
            var changed = await db.BackchannelRequests
                .Where(r => r.Id == id && r.Subject == subject && r.Status == BackchannelRequestStatus.Pending && r.ExpiresAt > now)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.Status, status).SetProperty(r => r.DecidedAt, now).SetProperty(r => r.ApprovalMethod, method),
                    cancellationToken);
            if (changed != 1)
            {
                activity?.SetStatus(ActivityStatusCode.Error, "already decided or expired");
                return DeviceDecisionCheck.Conflict;
            }

            if (evidence is not null)
            {
                db.ApprovalReceipts.Add(evidence.Receipt);
            }

            db.AuditEntries.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Before anything else: from here on this instance's polls read the decided request (docs/server.md, "Polling").
        polls.Forget(id);
        audit.Committed(entry);
        Log.CibaDecided(logger, id, decision);
        events.Publish(subject, new DeviceEvent(decision, id));
        if (request.ProtectedPingData is not null)
        {
            pings.Enqueue(new PingJob(id, request.ClientId));
        }

        return DeviceDecisionCheck.Allowed;
    }

    private async Task<JsonObject> ToJsonAsync(BackchannelRequestRecord request, CancellationToken cancellationToken)
    {
        var client = await clients.FindAsync(request.ClientId, cancellationToken);
        var names = request.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new JsonObject
        {
            ["id"] = request.Id,
            ["client_id"] = request.ClientId,
            ["client_name"] = client?.DisplayName ?? request.ClientId,
            ["binding_message"] = request.BindingMessage,
            ["scopes"] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["scope_descriptions"] = new JsonArray(names.Select(n => (JsonNode?)new JsonObject
            {
                ["name"] = n,
                ["description"] = scopes.Find(n)?.Description ?? n,
            }).ToArray()),
            ["authorization_details"] = request.AuthorizationDetailsJson is { } json ? JsonNode.Parse(json) : null,
            ["acr_values"] = request.AcrValues,
            // Whether approving needs the person's passkey once they have one (docs/device.md "Passkeys").
            ["passkey_protected"] = passkeyPolicy.RequiresPasskey(request.Scopes, request.AcrValues),
            ["created_at"] = request.CreatedAt.ToString("O"),
            ["expires_at"] = request.ExpiresAt.ToString("O"),
            ["times_asked"] = request.Repeats + 1,
        };
    }
}
