using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Keys;

/// <summary>
/// The key tables: every change is one insert, update or delete, so instances sharing the database never see half a
/// rotation, and a key two instances create at once is stored once (its primary key: the use, or the generation).
/// </summary>
internal sealed class ServerKeyStore(IServiceScopeFactory scopes)
{
    /// <summary>Every signing key, and the encryption key if it exists.</summary>
    public async Task<(List<SigningKey> Signing, ServerKey? Encryption)> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
        var signing = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        var encryption = await db.ServerKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Use == ServerKeyRing.EncryptionUse, cancellationToken);
        return (signing, encryption);
    }

    /// <summary>The non-rotating key of a use (<c>enc</c>, <c>vapid</c>), if it exists.</summary>
    public async Task<ServerKey?> FindAsync(string use, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
        return await db.ServerKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Use == use, cancellationToken);
    }

    /// <summary>Stores a key; false when another instance stored the same one (same primary key) first.</summary>
    public async Task<bool> TryAddAsync<TKey>(TKey key, CancellationToken cancellationToken)
        where TKey : class
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
        db.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return false;
        }
    }

    /// <summary>Moves a pending signing key's activation to <paramref name="at"/> (only ever earlier).</summary>
    public async Task ActivateAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
        await db.SigningKeys.Where(k => k.KeyId == keyId && k.ActivatesAt > at)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.ActivatesAt, at), cancellationToken);
    }

    /// <summary>Deletes signing keys by id (one another instance deleted first is no error); returns how many it deleted.</summary>
    public async Task<int> DeleteAsync(IReadOnlyCollection<string> keyIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MandateDbContext>();
        return await db.SigningKeys.Where(k => keyIds.Contains(k.KeyId)).ExecuteDeleteAsync(cancellationToken);
    }
}
