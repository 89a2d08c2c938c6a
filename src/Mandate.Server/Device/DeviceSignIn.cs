using System.Net;
using Mandate.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Server.Device;

/// <summary>
/// Device sign-in: looks the user up (the same query whether the name exists or not) and lets
/// <see cref="SignInGuard"/> decide. Nothing is written to the database here, so a failed attempt for a real user and
/// one for an unknown name do the same work.
/// </summary>
internal sealed class DeviceSignIn(MandateDbContext db, SignInGuard guard)
{
    /// <summary>Checks the credentials; the decision carries the subject on success.</summary>
    public async Task<SignInDecision> SignInAsync(string username, string password, IPAddress? address, CancellationToken cancellationToken)
    {
        if (guard.AddressRetryAfter(address) is { } wait)
        {
            return new(SignInOutcome.Throttled, RetryAfter: wait);
        }

        var user = username.Length is > 0 and <= SignInGuard.MaxUsernameLength
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Username == username, cancellationToken)
            : null;
        return guard.Decide(username, password, user, address);
    }
}
