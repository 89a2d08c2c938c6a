using System.Text.Json.Nodes;
using Mandate.Server.Audit;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Data;
using Mandate.Server.Logging;
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

    /// <summary>Approves or denies; the check says 404 or 409 when it cannot.</summary>
    public async Task<DeviceDecisionCheck> DecideAsync(string subject, string id, bool approve, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = id.Length <= 64 ? await store.FindAsync(id, cancellationToken) : null;
        var check = BackchannelRequestStateMachine.CanDecide(request, subject, now);
        if (check != DeviceDecisionCheck.Allowed)
        {
            return check;
        }

        if (!await store.TryDecideAsync(id, subject, approve, now, cancellationToken))
        {
            return DeviceDecisionCheck.Conflict;
        }

        // Before anything else: from here on this instance's polls read the decided request (docs/server.md, "Polling").
        polls.Forget(id);
        var decision = approve ? "approved" : "denied";
        await audit.WriteAsync("ciba." + (approve ? "approve" : "deny"), request!.ClientId, subject, request.Scopes, request.AuthorizationDetailsJson, decision, cancellationToken);
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
            ["created_at"] = request.CreatedAt.ToString("O"),
            ["expires_at"] = request.ExpiresAt.ToString("O"),
            ["times_asked"] = request.Repeats + 1,
        };
    }
}
