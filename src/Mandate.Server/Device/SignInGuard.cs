using System.Net;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace Mandate.Server.Device;

/// <summary>
/// Decides a device sign-in attempt, in this order:
/// <list type="number">
/// <item>the address's budget of unsuccessful attempts (<see cref="SignInAddressLimiter"/>, IPv6 by /64): over it, 429
/// and nothing else is done;</item>
/// <item>the account's throttle (<see cref="AccountThrottle"/>), for any username, known or not;</item>
/// <item>exactly one password-hash verification, whatever the case — a known user's hash, or a dummy hash for an
/// unknown or disabled user and for a throttled attempt (whose result is then ignored) — so that every path costs the
/// same and the answers (401 or 429, with the same <c>Retry-After</c>) never tell whether a username exists
/// (OWASP ASVS 4.0.3 V2.2.1, NIST SP 800-63B §5.2.2).</item>
/// </list>
/// Successful sign-ins neither use up the address's budget nor count against the account.
/// </summary>
internal sealed class SignInGuard(IPasswordHasher<UserAccount> hasher, SignInAddressLimiter addresses, AccountThrottle accounts)
{
    /// <summary>Usernames longer than this cannot exist (the column's length); they share one throttle key.</summary>
    public const int MaxUsernameLength = 100;

    private static readonly UserAccount Dummy = new() { Id = "-" };

    // Made by the same hasher as the users' hashes, so that checking it costs the same.
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(Dummy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    /// <summary>Builds the guard the options describe.</summary>
    public static SignInGuard Create(IPasswordHasher<UserAccount> hasher, MandateServerOptions options, TimeProvider time) => new(
        hasher,
        new SignInAddressLimiter(options.SignInAttemptsPerMinute, time),
        new AccountThrottle(options.SignInMaxFailures, TimeSpan.FromSeconds(options.SignInBackoffSeconds), TimeSpan.FromSeconds(options.SignInMaxBackoffSeconds), time));

    /// <summary>Whether the address may try at all (checked before the user is looked up); the wait otherwise.</summary>
    public TimeSpan? AddressRetryAfter(IPAddress? address) => addresses.RetryAfter(ClientAddressKey.For(address));

    /// <summary>Another way in (a passkey): starts an attempt for the account as <see cref="Decide"/> does; null when it
    /// may go ahead (it counts as a failure until <see cref="AccountSucceeded"/>), otherwise how long to wait.</summary>
    public TimeSpan? BeginAccountAttempt(string username) =>
        accounts.TryBegin(username.Length <= MaxUsernameLength ? username : "\0too-long");

    /// <summary>Another way in: an unsuccessful attempt from <paramref name="address"/> uses up its budget.</summary>
    public void RecordFailure(IPAddress? address) => addresses.RecordFailure(ClientAddressKey.For(address));

    /// <summary>Another way in: the account signed in, its count starts again.</summary>
    public void AccountSucceeded(string username) => accounts.Succeeded(username.Length <= MaxUsernameLength ? username : "\0too-long");

    /// <summary>
    /// Decides an attempt for <paramref name="username"/> (<paramref name="user"/> is the account of that name, or null)
    /// from <paramref name="address"/>.
    /// </summary>
    public SignInDecision Decide(string username, string password, UserAccount? user, IPAddress? address)
    {
        var addressKey = ClientAddressKey.For(address);
        if (addresses.RetryAfter(addressKey) is { } addressWait)
        {
            return new(SignInOutcome.Throttled, RetryAfter: addressWait);
        }

        var account = username.Length <= MaxUsernameLength ? username : "\0too-long";
        var accountWait = accounts.TryBegin(account);
        bool verified;
        if (accountWait is null && user is { Enabled: true })
        {
            verified = hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        }
        else
        {
            // The same work as a real check; its result signs no one in.
            hasher.VerifyHashedPassword(Dummy, _dummyHash.Value, password);
            verified = false;
        }

        if (accountWait is { } wait)
        {
            addresses.RecordFailure(addressKey);
            return new(SignInOutcome.Throttled, RetryAfter: wait);
        }

        if (!verified)
        {
            addresses.RecordFailure(addressKey);
            return new(SignInOutcome.InvalidCredentials);
        }

        accounts.Succeeded(account);
        return new(SignInOutcome.Success, user!.Id);
    }
}
