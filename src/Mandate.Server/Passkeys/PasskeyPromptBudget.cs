using System.Net;
using Mandate.Server.Device;

namespace Mandate.Server.Passkeys;

/// <summary>
/// Bounds how many passkey sign-in prompts one client address may ask for (<see cref="PerMinute"/> a minute, IPv6 by
/// /64): asking needs no session and stores a challenge, so without a bound anyone could fill <c>PasskeyChallenges</c>.
/// In memory, per instance, like the sign-in throttles.
/// </summary>
internal sealed class PasskeyPromptBudget(TimeProvider time)
{
    /// <summary>Prompts allowed per address and minute.</summary>
    public const int PerMinute = 30;

    private readonly SignInAddressLimiter _limiter = new(PerMinute, time);

    /// <summary>Takes one prompt from the address's budget: null when allowed, otherwise how long to wait.</summary>
    public TimeSpan? TryTake(IPAddress? address)
    {
        var key = ClientAddressKey.For(address);
        if (_limiter.RetryAfter(key) is { } wait)
        {
            return wait;
        }

        _limiter.RecordFailure(key);
        return null;
    }
}
