using System.Buffers.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Mandate.Server.Audit;
using Mandate.Server.Data;
using Mandate.Server.Logging;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Passkeys;

/// <summary>
/// Adding a passkey (WebAuthn Level 3 §7.1): options for <c>navigator.credentials.create</c> — a discoverable
/// credential (<c>residentKey: required</c>, §5.4.6) with user verification required, no attestation asked for,
/// the person's passkeys excluded (§5.4 <c>excludeCredentials</c>) — then the browser's answer verified by the Fido2
/// library against the stored options and saved. Both steps need a password sign-in within
/// <see cref="PasskeyPolicy.AddPasskeyWindow"/>.
/// </summary>
internal sealed class PasskeyRegistration(
    IFido2 fido2, PasskeyStore passkeys, PasskeyChallengeStore challenges, AuditLog audit, TimeProvider time, ILogger<PasskeyRegistration> logger)
{
    /// <summary>The refusal when the session is not a recent password sign-in.</summary>
    public static readonly PasskeyFailure SignInAgain = new(403,
        "Adding a passkey needs a password sign-in within the last 5 minutes. Please sign out, sign in again with your password, and add the passkey then.");

    /// <summary>Creation options (Fido2 JSON) for the session's person, or why not.</summary>
    public async Task<(string? OptionsJson, PasskeyFailure? Failure)> BeginAsync(DeviceSessionRecord? session, string username, CancellationToken cancellationToken)
    {
        if (!PasskeyPolicy.MayAddPasskey(session, time.GetUtcNow()))
        {
            return (null, SignInAgain);
        }

        var subject = session!.Subject;
        var existing = await passkeys.ListAsync(subject, cancellationToken);
        var options = fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = PasskeyStore.UserHandle(subject), Name = username, DisplayName = username },
            ExcludeCredentials = existing.Select(p => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(p.CredentialId))).ToList(),
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        var json = options.ToJson();
        await challenges.SaveAsync(options.Challenge, new PasskeyChallengeRecord { Purpose = PasskeyCeremony.Register, Subject = subject, OptionsJson = json }, cancellationToken);
        return (json, null);
    }

    /// <summary>Verifies and saves the browser's new credential; the saved passkey, or why not.</summary>
    public async Task<(PasskeyRecord? Passkey, PasskeyFailure? Failure)> FinishAsync(
        DeviceSessionRecord? session, JsonElement credential, string label, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!PasskeyPolicy.MayAddPasskey(session, now))
        {
            return (null, SignInAgain);
        }

        if (PasskeyJson.Read<AuthenticatorAttestationRawResponse>(credential) is not { Response.ClientDataJson: { } clientData } response)
        {
            return (null, PasskeyFailure.Malformed);
        }

        var challenge = await challenges.TakeAsync(clientData, PasskeyCeremony.Register, cancellationToken);
        if (challenge is null || challenge.Subject != session!.Subject)
        {
            return (null, PasskeyFailure.NoChallenge);
        }

        RegisteredPublicKeyCredential registered;
        try
        {
            registered = await fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = CredentialCreateOptions.FromJson(challenge.OptionsJson),
                IsCredentialIdUniqueToUserCallback = async (p, ct) => await passkeys.FindByCredentialIdAsync(p.CredentialId, ct) is null,
            }, cancellationToken);
        }
        catch (Exception e) when (e is Fido2VerificationException or FormatException or ArgumentException or InvalidOperationException or System.Formats.Cbor.CborContentException or System.Security.Cryptography.CryptographicException)
        {
            Log.PasskeyRefused(logger, "add", (e as Fido2VerificationException)?.Code.ToString() ?? "malformed");
            return (null, new PasskeyFailure(400, "The new passkey could not be verified. Please try again."));
        }

        var passkey = new PasskeyRecord
        {
            Id = PasskeyStore.NewId(),
            CredentialId = Base64Url.EncodeToString(registered.Id),
            Subject = session.Subject,
            PublicKey = registered.PublicKey,
            SignCount = registered.SignCount,
            Label = label,
            CreatedAt = now,
        };
        if (!await passkeys.AddAsync(passkey, cancellationToken))
        {
            return (null, new PasskeyFailure(409, "This passkey is registered already."));
        }

        await audit.WriteAsync("passkey.add", null, session.Subject, null, null, "success", cancellationToken);
        return (passkey, null);
    }
}
