using Mandate.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Ciba;

/// <summary>Users from the database; a <c>login_hint</c> is a username or a subject id.</summary>
internal sealed class DatabaseUserDirectory(MandateDbContext db, IPasswordHasher<UserAccount> hasher) : IUserDirectory
{
    /// <inheritdoc />
    public async ValueTask<string?> ResolveLoginHintAsync(string loginHint, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Enabled && (u.Username == loginHint || u.Id == loginHint))
            .Select(u => u.Id)
            .FirstOrDefaultAsync(cancellationToken);

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
}
