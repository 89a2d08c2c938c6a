using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mandate.Server.Data;
using Mandate.Server.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Passkeys;

/// <summary>The people's passkeys (<c>Passkeys</c>): add, list, remove, find by credential id, note a use.</summary>
internal sealed class PasskeyStore(MandateDbContext db) : IPersonalItemStore<PasskeyRecord>
{
    /// <summary>The WebAuthn user handle of a person (WebAuthn Level 3 §5.4.3 <c>user.id</c>): the SHA-256 of the
    /// subject, the same for every passkey of that person, and no personal information (§14.6.1).</summary>
    public static byte[] UserHandle(string subject) => SHA256.HashData(Encoding.UTF8.GetBytes(subject));

    /// <summary>A person's passkeys, oldest first.</summary>
    public async Task<IReadOnlyList<PasskeyRecord>> ListAsync(string subject, CancellationToken cancellationToken) =>
        await db.Passkeys.AsNoTracking().Where(p => p.Subject == subject).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Whether the person has at least one passkey.</summary>
    public Task<bool> AnyAsync(string subject, CancellationToken cancellationToken) =>
        db.Passkeys.AnyAsync(p => p.Subject == subject, cancellationToken);

    /// <summary>The passkey with this credential id, or null.</summary>
    public Task<PasskeyRecord?> FindByCredentialIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        var id = Base64Url.EncodeToString(credentialId);
        return db.Passkeys.AsNoTracking().SingleOrDefaultAsync(p => p.CredentialId == id, cancellationToken);
    }

    /// <summary>Adds a passkey; false when its credential id is registered already.</summary>
    public async Task<bool> AddAsync(PasskeyRecord passkey, CancellationToken cancellationToken)
    {
        db.Passkeys.Add(passkey);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique index on CredentialId: registered meanwhile.
            return false;
        }
        finally
        {
            db.Entry(passkey).State = EntityState.Detached;
        }
    }

    /// <summary>Removes one of the person's passkeys; false when there is no such passkey for them.</summary>
    public async Task<bool> DeleteAsync(string subject, string id, CancellationToken cancellationToken) =>
        id.Length <= 32 && await db.Passkeys.Where(p => p.Id == id && p.Subject == subject).ExecuteDeleteAsync(cancellationToken) == 1;

    /// <summary>Notes a verified use: the new signature counter and the time, only if the counter is still the one the
    /// assertion was checked against (of two concurrent uses of one counter value, one wins; WebAuthn Level 3 §6.1.1).</summary>
    public async Task<bool> TryRecordUseAsync(string id, long checkedCount, long newCount, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Passkeys.Where(p => p.Id == id && p.SignCount == checkedCount)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SignCount, newCount).SetProperty(p => p.LastUsedAt, now), cancellationToken) == 1;

    /// <summary>A new random passkey id.</summary>
    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
