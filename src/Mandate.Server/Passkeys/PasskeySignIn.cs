using System.Net;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Passkeys;

/// <summary>
/// Signing in with a passkey instead of the password (WebAuthn Level 3 §7.2 with an empty <c>allowCredentials</c>: the
/// browser offers the discoverable credentials it has for this RP, §5.4.6). No session is needed; the challenge is
/// kept server-side, lives <see cref="PasskeyPolicy.ChallengeLifetime"/> and answers once. The sign-in throttles of
/// passwords apply (<see cref="SignInGuard"/>): the client address's budget of unsuccessful attempts, and the account's
/// backoff once the credential names the account.
/// </summary>
internal sealed class PasskeySignIn(
    IFido2 fido2,
    PasskeyStore passkeys,
    PasskeyChallengeStore challenges,
    PasskeyAssertionVerifier verifier,
    SignInGuard guard,
    PasskeyPromptBudget prompts,
    MandateDbContext db,
    TimeProvider time,
    ILogger<PasskeySignIn> logger)
{
    /// <summary>The refusal of an unknown passkey or a signature that does not verify.</summary>
    public static readonly PasskeyFailure NotSignedIn = new(401, "This passkey could not sign you in. Use your password, or try another passkey.");

    /// <summary>Request options (Fido2 JSON) for <c>navigator.credentials.get</c>, or how long the address must wait
    /// (<see cref="PasskeyPromptBudget"/>).</summary>
    public async Task<(string? OptionsJson, TimeSpan? RetryAfter)> BeginAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        if (prompts.TryTake(address) is { } wait)
        {
            return (null, wait);
        }

        var options = fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [],
            UserVerification = UserVerificationRequirement.Required,
        });
        var json = options.ToJson();
        await challenges.SaveAsync(options.Challenge, new PasskeyChallengeRecord { Purpose = PasskeyCeremony.SignIn, OptionsJson = json }, cancellationToken);
        return (json, null);
    }

    /// <summary>The person the assertion signs in, or why not (<c>RetryAfter</c> set when throttled).</summary>
    public async Task<(UserAccount? User, PasskeyFailure? Failure, TimeSpan? RetryAfter)> FinishAsync(
        JsonElement credential, IPAddress? address, CancellationToken cancellationToken)
    {
        if (guard.AddressRetryAfter(address) is { } wait)
        {
            return (null, Throttled, wait);
        }

        if (PasskeyJson.Read<AuthenticatorAssertionRawResponse>(credential) is not { RawId: { } rawId, Response.ClientDataJson: { } clientData } response)
        {
            return (null, PasskeyFailure.Malformed, null);
        }

        var challenge = await challenges.TakeAsync(clientData, PasskeyCeremony.SignIn, cancellationToken);
        var passkey = challenge is null ? null : await passkeys.FindByCredentialIdAsync(rawId, cancellationToken);
        var user = passkey is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == passkey.Subject, cancellationToken);
        if (challenge is null || passkey is null || user is not { Enabled: true })
        {
            guard.RecordFailure(address);
            Log.PasskeyRefused(logger, "sign-in", challenge is null ? "no challenge" : "unknown credential");
            return (null, challenge is null ? PasskeyFailure.NoChallenge : NotSignedIn, null);
        }

        if (guard.BeginAccountAttempt(user.Username) is { } accountWait)
        {
            guard.RecordFailure(address);
            return (null, Throttled, accountWait);
        }

        var (signCount, error) = await verifier.VerifyAsync(response, AssertionOptions.FromJson(challenge.OptionsJson), passkey, cancellationToken);
        if (signCount is not { } count || !await passkeys.TryRecordUseAsync(passkey.Id, passkey.SignCount, count, time.GetUtcNow(), cancellationToken))
        {
            guard.RecordFailure(address);
            Log.PasskeyRefused(logger, "sign-in", error ?? "used concurrently");
            return (null, NotSignedIn, null);
        }

        guard.AccountSucceeded(user.Username);
        return (user, null, null);
    }

    private static PasskeyFailure Throttled { get; } = new(429, "Too many sign-in attempts; try again after the time in Retry-After.");
}
