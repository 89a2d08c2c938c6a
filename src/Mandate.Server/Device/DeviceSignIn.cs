using System.Threading.RateLimiting;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Device;

/// <summary>
/// Device sign-in: a rate limit per client address (10 attempts a minute), then a per-account lockout after
/// <see cref="MandateServerOptions.SignInMaxFailures"/> consecutive failures. A locked account is refused even with the
/// right password until the lockout ends. Unknown users cost a hash verification too (no user enumeration by timing).
/// </summary>
public sealed class DeviceSignIn(MandateDbContext db, IPasswordHasher<UserAccount> hasher, SignInRateLimiter limiter, TimeProvider time, IOptions<MandateServerOptions> options)
{
    private static readonly UserAccount Dummy = new() { Id = "-" };
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(Dummy, Guid.NewGuid().ToString()));

    /// <summary>Checks the credentials; returns the subject on success.</summary>
    public async Task<(SignInOutcome Outcome, string? Subject)> SignInAsync(string username, string password, string partition, CancellationToken cancellationToken)
    {
        using var lease = limiter.Acquire(partition);
        if (!lease.IsAcquired)
        {
            return (SignInOutcome.LockedOut, null);
        }

        var now = time.GetUtcNow();
        var user = username.Length is > 0 and <= 100 ? await db.Users.SingleOrDefaultAsync(u => u.Username == username, cancellationToken) : null;
        if (user is null)
        {
            hasher.VerifyHashedPassword(Dummy, DummyHash.Value, password);
            return (SignInOutcome.InvalidCredentials, null);
        }

        if (user.LockedUntil is { } until && until > now)
        {
            return (SignInOutcome.LockedOut, null);
        }

        var verified = user.Enabled && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        var o = options.Value;
        if (!verified)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= o.SignInMaxFailures)
            {
                user.LockedUntil = now + TimeSpan.FromSeconds(o.SignInLockoutSeconds);
                user.FailedSignIns = 0;
            }

            await db.SaveChangesAsync(cancellationToken);
            return (user.LockedUntil > now ? SignInOutcome.LockedOut : SignInOutcome.InvalidCredentials, null);
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return (SignInOutcome.Success, user.Id);
    }
}
