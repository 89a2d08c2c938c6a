using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Ciba;

/// <summary>
/// Durable CIBA requests. Every state change is one conditional UPDATE (<c>WHERE Status = expected</c>), so two
/// concurrent redemptions or decisions cannot both succeed, on one instance or several sharing the database.
/// </summary>
internal sealed class BackchannelRequestStore(MandateDbContext db)
{
    /// <summary>Finds a request by its <c>auth_req_id</c> (every poll does this: a compiled query, so EF Core skips
    /// translating the LINQ tree and looking it up in its query cache).</summary>
    public Task<BackchannelRequestRecord?> FindByAuthReqIdAsync(string authReqId, CancellationToken cancellationToken) =>
        FindByAuthReqIdHashAsync(AuthReqId.Hash(authReqId), cancellationToken);

    /// <summary>Finds a request by the stored form of its <c>auth_req_id</c> (<see cref="AuthReqId.Hash"/>).</summary>
    public Task<BackchannelRequestRecord?> FindByAuthReqIdHashAsync(string hash, CancellationToken cancellationToken)
    {
        return db switch
        {
            SqliteMandateDbContext sqlite => ByAuthReqIdHash<SqliteMandateDbContext>.Query(sqlite, hash, cancellationToken),
            PostgreSqlMandateDbContext postgres => ByAuthReqIdHash<PostgreSqlMandateDbContext>.Query(postgres, hash, cancellationToken),
            _ => db.BackchannelRequests.AsNoTracking().SingleOrDefaultAsync(r => r.AuthReqIdHash == hash, cancellationToken),
        };
    }

    /// <summary>Finds a request by its device id.</summary>
    public Task<BackchannelRequestRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.BackchannelRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Pending, unexpired requests naming a user, oldest first.</summary>
    public async Task<IReadOnlyList<BackchannelRequestRecord>> ListPendingAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.BackchannelRequests.AsNoTracking()
            .Where(r => r.Subject == subject && r.Status == BackchannelRequestStatus.Pending && r.ExpiresAt > now)
            .OrderBy(r => r.CreatedAt)
            .Take(100)
            .ToListAsync(cancellationToken);

    /// <summary>Marks an approved request redeemed; true for exactly one caller (CIBA §10.1.1).</summary>
    public async Task<bool> TryRedeemAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.BackchannelRequests
            .Where(r => r.Id == id && r.Status == BackchannelRequestStatus.Approved && r.ExpiresAt > now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, BackchannelRequestStatus.Redeemed)
                    .SetProperty(r => r.RedeemedAt, now)
                    .SetProperty(r => r.ProtectedPingData, (string?)null),
                cancellationToken) == 1;

    /// <summary>Approves or denies a pending, unexpired request of this user; true when this call decided it.</summary>
    public async Task<bool> TryDecideAsync(string id, string subject, bool approve, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = approve ? BackchannelRequestStatus.Approved : BackchannelRequestStatus.Denied;
        return await db.BackchannelRequests
            .Where(r => r.Id == id && r.Subject == subject && r.Status == BackchannelRequestStatus.Pending && r.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.DecidedAt, now), cancellationToken) == 1;
    }

    /// <summary>Takes the ping data for sending: clears it only if it still holds <paramref name="protectedData"/>, so
    /// that of several callers (on one instance or several) exactly one gets true and sends the ping.</summary>
    public async Task<bool> TryClaimPingDataAsync(string id, string protectedData, CancellationToken cancellationToken) =>
        await db.BackchannelRequests.Where(r => r.Id == id && r.ProtectedPingData == protectedData)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProtectedPingData, (string?)null), cancellationToken) == 1;

    // One compiled query per context type: a compiled query keeps one executor, built for one model.
    private static class ByAuthReqIdHash<TContext>
        where TContext : MandateDbContext
    {
        public static readonly Func<TContext, string, CancellationToken, Task<BackchannelRequestRecord?>> Query =
            EF.CompileAsyncQuery((TContext db, string hash, CancellationToken cancellationToken) =>
                db.BackchannelRequests.AsNoTracking().SingleOrDefault(r => r.AuthReqIdHash == hash));
    }
}
