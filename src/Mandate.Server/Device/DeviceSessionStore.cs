using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Device;

/// <summary>
/// Device sessions in the database (<c>DeviceSessions</c>), shared by every instance and kept across restarts. A session
/// id is 256 random bits; only its SHA-256 is stored, so the table cannot be turned into cookies. Checking a session is
/// one primary-key read; every change is one conditional <c>UPDATE</c>.
/// </summary>
internal sealed class DeviceSessionStore(MandateDbContext db, TimeProvider time, IOptions<MandateServerOptions> options)
{
    private readonly DeviceSessionPolicy _policy = DeviceSessionPolicy.From(options.Value);

    /// <summary>The policy in force.</summary>
    public DeviceSessionPolicy Policy => _policy;

    /// <summary>Starts a session for <paramref name="subject"/>, signed in by <paramref name="signInMethod"/>
    /// (<see cref="DeviceSignInMethod"/>); returns its id (for the cookie, never for a log) and its absolute end.</summary>
    public async Task<(string SessionId, DateTimeOffset ExpiresAt)> CreateAsync(
        string subject, CancellationToken cancellationToken, string signInMethod = DeviceSignInMethod.Password)
    {
        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        if (RandomNumberGenerator.GetInt32(32) == 0)
        {
            // Rows past their absolute end can never be valid again.
            await db.DeviceSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        }

        var row = _policy.Start(Hash(sessionId), subject, now, signInMethod);
        db.DeviceSessions.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }

        return (sessionId, row.ExpiresAt);
    }

    /// <summary>The subject of an active session, or null; notes the use (at most once per
    /// <see cref="DeviceSessionPolicy.TouchInterval"/>).</summary>
    public async Task<string?> ValidateAsync(string sessionId, CancellationToken cancellationToken)
    {
        var id = Hash(sessionId);
        var session = await db.DeviceSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        var now = time.GetUtcNow();
        if (_policy.Check(session, now) != DeviceSessionCheck.Active)
        {
            return null;
        }

        if (_policy.ShouldTouch(session!, now))
        {
            var due = now - _policy.TouchInterval;
            await db.DeviceSessions.Where(s => s.Id == id && s.LastSeenAt <= due)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return session!.Subject;
    }

    /// <summary>The row of an active session (how and when it was signed in), or null; notes no use.</summary>
    public async Task<DeviceSessionRecord?> FindActiveAsync(string sessionId, CancellationToken cancellationToken)
    {
        var id = Hash(sessionId);
        var session = await db.DeviceSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return _policy.Check(session, time.GetUtcNow()) == DeviceSessionCheck.Active ? session : null;
    }

    /// <summary>Ends one session (sign-out); true when it was still open.</summary>
    public async Task<bool> EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        var id = Hash(sessionId);
        var now = time.GetUtcNow();
        return await db.DeviceSessions.Where(s => s.Id == id && s.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), cancellationToken) == 1;
    }

    /// <summary>Ends every open session of a user (password changed, account disabled); returns how many.</summary>
    public async Task<int> EndAllAsync(string subject, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.DeviceSessions.Where(s => s.Subject == subject && s.RevokedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), cancellationToken);
    }

    private static string Hash(string sessionId) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
}
