using System.Buffers.Text;
using System.Security.Cryptography;
using Mandate.Server.Data;
using Mandate.Server.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Push;

/// <summary>The person's devices registered for Web Push, one row per push endpoint.</summary>
internal sealed class PushSubscriptionStore(MandateDbContext db, NoPushDevicesCache noDevices, TimeProvider time) : IPersonalItemStore<PushSubscriptionRecord>
{
    /// <summary>Registers a subscription for <paramref name="subject"/> and returns its id. An endpoint registered
    /// before (the browser subscribed again, or another person signed in on it) is replaced: the same browser never
    /// gets two rows, and a push for one person never reaches a browser another person took over.</summary>
    public async Task<string> AddAsync(string subject, ValidatedPushSubscription subscription, string label, CancellationToken cancellationToken)
    {
        var endpoint = subscription.Endpoint.AbsoluteUri;
        for (var attempt = 0; ; attempt++)
        {
            var row = await db.PushSubscriptions.SingleOrDefaultAsync(p => p.Endpoint == endpoint, cancellationToken);
            if (row is null)
            {
                row = new PushSubscriptionRecord { Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), Endpoint = endpoint, CreatedAt = time.GetUtcNow() };
                db.PushSubscriptions.Add(row);
            }
            else if (row.Subject != subject)
            {
                // Another person's device until now: a new id, so the other person's list no longer shows it.
                db.PushSubscriptions.Remove(row);
                await db.SaveChangesAsync(cancellationToken);
                row = new PushSubscriptionRecord { Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), Endpoint = endpoint, CreatedAt = time.GetUtcNow() };
                db.PushSubscriptions.Add(row);
            }

            row.Subject = subject;
            row.P256dh = subscription.P256dh;
            row.Auth = subscription.Auth;
            row.Label = label;
            row.ExpiresAt = subscription.ExpiresAt;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                noDevices.Remove(subject);
                return row.Id;
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e) && attempt == 0)
            {
                // The same endpoint registered at the same moment: read the row the other request stored.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The person's devices, oldest first.</summary>
    public async Task<IReadOnlyList<PushSubscriptionRecord>> ListAsync(string subject, CancellationToken cancellationToken) =>
        await db.PushSubscriptions.AsNoTracking().Where(p => p.Subject == subject).OrderBy(p => p.CreatedAt).Take(100).ToListAsync(cancellationToken);

    /// <summary>Records that a push was sent to these devices (<c>LastUsedAt</c>).</summary>
    public async Task MarkUsedAsync(IReadOnlyCollection<string> ids, DateTimeOffset at, CancellationToken cancellationToken) =>
        await db.PushSubscriptions.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastUsedAt, at), cancellationToken);

    /// <summary>Deletes a device whose subscription is gone (RFC 8030 §7.3), unless it was registered again meanwhile
    /// (then its row has another id or endpoint).</summary>
    public async Task RemoveGoneAsync(PushSubscriptionRecord device, CancellationToken cancellationToken) =>
        await db.PushSubscriptions.Where(p => p.Id == device.Id && p.Endpoint == device.Endpoint).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Removes one of the person's devices; false when they have none with that id.</summary>
    public async Task<bool> DeleteAsync(string subject, string id, CancellationToken cancellationToken) =>
        await db.PushSubscriptions.Where(p => p.Id == id && p.Subject == subject).ExecuteDeleteAsync(cancellationToken) == 1;
}
