using Mandate.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Ciba;

/// <summary>
/// Users from the database; a <c>login_hint</c> is a username or a subject id. The lookup every bc-authorize request
/// makes is served from <see cref="LoginHintCache"/> when it can, else by a compiled query: EF Core then skips building
/// and translating the LINQ tree and looking it up in its query cache, which cost more than the query itself
/// (docs/benchmarks.md).
/// </summary>
internal sealed class DatabaseUserDirectory(MandateDbContext db, IPasswordHasher<UserAccount> hasher, LoginHintCache cache) : IUserDirectory
{
    /// <inheritdoc />
    public async ValueTask<string?> ResolveLoginHintAsync(string loginHint, CancellationToken cancellationToken)
    {
        if (cache.Find(loginHint) is { } cached)
        {
            return cached;
        }

        var subject = await FindEnabledAsync(loginHint, cancellationToken);
        if (subject is not null)
        {
            cache.Add(loginHint, subject);
        }

        return subject;
    }

    private async Task<string?> FindEnabledAsync(string loginHint, CancellationToken cancellationToken) =>
        db switch
        {
            SqliteMandateDbContext sqlite => await Compiled<SqliteMandateDbContext>.ByLoginHint(sqlite, loginHint, cancellationToken),
            PostgreSqlMandateDbContext postgres => await Compiled<PostgreSqlMandateDbContext>.ByLoginHint(postgres, loginHint, cancellationToken),
            _ => await db.Users.AsNoTracking()
                .Where(u => u.Enabled && (u.Username == loginHint || u.Id == loginHint))
                .Select(u => u.Id)
                .FirstOrDefaultAsync(cancellationToken),
        };

    /// <inheritdoc />
    public async ValueTask<bool> IsActiveAsync(string subject, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().AnyAsync(u => u.Id == subject && u.Enabled, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> HasUserCodeAsync(string subject, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().AnyAsync(u => u.Id == subject && u.UserCodeHash != null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> VerifyUserCodeAsync(string subject, string userCode, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == subject, cancellationToken);
        return user?.UserCodeHash is { } hash
            && hasher.VerifyHashedPassword(user, hash, userCode) != PasswordVerificationResult.Failed;
    }

    // One compiled query per context type: a compiled query keeps one executor, built for one model.
    private static class Compiled<TContext>
        where TContext : MandateDbContext
    {
        public static readonly Func<TContext, string, CancellationToken, Task<string?>> ByLoginHint =
            EF.CompileAsyncQuery((TContext db, string loginHint, CancellationToken cancellationToken) =>
                db.Users.AsNoTracking()
                    .Where(u => u.Enabled && (u.Username == loginHint || u.Id == loginHint))
                    .Select(u => u.Id)
                    .FirstOrDefault());
    }
}
