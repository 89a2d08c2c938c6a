using Mandate.Server.Data;
using Mandate.Server.Logging;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Audit;

/// <summary>
/// The audit trail. CIBA requests, decisions and redemptions (one per person's action) are rows in the
/// <c>AuditLog</c> table and log events; client-credentials issuances are log events only, so that issuing a token
/// writes no database row. Callers pass no secret or token; the log events leave out the user.
/// </summary>
internal sealed class AuditLog(MandateDbContext db, TimeProvider time, ILogger<AuditLog> logger)
{
    /// <summary>Appends one entry to the table and, once it is saved, to the log.</summary>
    public async Task WriteAsync(string @event, string? clientId, string? subject, string? scopes, string? details, string outcome, CancellationToken cancellationToken)
    {
        var entry = Create(@event, clientId, subject, scopes, details, outcome);
        db.AuditEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            // Saved or not, nothing staged stays behind for a later save of this request.
            db.ChangeTracker.Clear();
        }

        Committed(entry);
    }

    /// <summary>A new entry, not yet saved: a caller that writes it in its own transaction (the bc-authorize unit of
    /// work) passes it to <see cref="Committed"/> once that committed, so the log never shows an entry the table lacks.</summary>
    public AuditEntry Create(string @event, string? clientId, string? subject, string? scopes, string? details, string outcome) => new()
    {
        At = time.GetUtcNow(),
        Event = @event,
        ClientId = clientId,
        Subject = subject,
        Scopes = scopes,
        Details = details,
        Outcome = outcome,
    };

    /// <summary>Writes a saved entry to the log.</summary>
    public void Committed(AuditEntry entry) => Log.Audit(logger, entry.Event, entry.ClientId, entry.Scopes, entry.Outcome);

    /// <summary>Records a high-volume event (client-credentials issuance) in the log only, at Debug level: one
    /// Information line per token cost more than signing it. Enable Debug for <c>Mandate.Server.Audit</c> to see them.</summary>
    public void Record(string @event, string clientId, string? scopes, string outcome) =>
        Log.AuditHighVolume(logger, @event, clientId, scopes, outcome);
}
