using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Mandate.Server.Ciba;
using Mandate.Server.Data;
using Mandate.Server.Logging;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Passkeys;

/// <summary>
/// Approving one request with a passkey (WebAuthn Level 3 §7.2, user verification required): options whose challenge is
/// bound to the request (<see cref="TransactionChallenge"/>: fresh server randomness, kept server-side, single use,
/// short-lived), then the assertion checked against that request as it is now — the challenge is derived again from
/// the stored nonce and the request's id, binding message and authorization details, so a signature made for another
/// request, or for this one before it changed, does not verify.
/// </summary>
internal sealed class PasskeyApproval(
    Fido2Configuration configuration,
    PasskeyStore passkeys,
    PasskeyChallengeStore challenges,
    PasskeyAssertionVerifier verifier,
    BackchannelRequestStore requests,
    TimeProvider time,
    ILogger<PasskeyApproval> logger)
{
    /// <summary>The refusal of a signature whose challenge was made for another request.</summary>
    public static readonly PasskeyFailure OtherRequest = new(403, "This passkey signature is for a different request. Nothing was approved.");

    /// <summary>Request options (Fido2 JSON) for approving <paramref name="requestId"/>, or why not.</summary>
    public async Task<(string? OptionsJson, PasskeyFailure? Failure)> BeginAsync(string subject, string requestId, CancellationToken cancellationToken)
    {
        var request = requestId.Length <= 64 ? await requests.FindAsync(requestId, cancellationToken) : null;
        if (Check(request, subject) is { } failure)
        {
            return (null, failure);
        }

        var owned = await passkeys.ListAsync(subject, cancellationToken);
        if (owned.Count == 0)
        {
            return (null, new PasskeyFailure(409, "You have no passkey yet: add one first, or approve without it."));
        }

        var nonce = TransactionChallenge.NewNonce();
        var challenge = TransactionChallenge.Derive(nonce, request!.Id, request.BindingMessage, request.AuthorizationDetailsJson);
        var options = AssertionOptions.Create(
            configuration, challenge,
            owned.Select(p => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(p.CredentialId))).ToList(),
            UserVerificationRequirement.Required, extensions: null);
        var json = options.ToJson();
        await challenges.SaveAsync(challenge, new PasskeyChallengeRecord
        {
            Purpose = PasskeyCeremony.Approve, Subject = subject, RequestId = request.Id, Nonce = nonce, OptionsJson = json,
        }, cancellationToken);
        return (json, null);
    }

    /// <summary>Verifies an approval assertion for <paramref name="requestId"/>; the evidence to record, or why not.</summary>
    public async Task<(ApprovalEvidence? Evidence, PasskeyFailure? Failure)> VerifyAsync(
        string subject, string requestId, JsonElement credential, CancellationToken cancellationToken)
    {
        if (PasskeyJson.Read<AuthenticatorAssertionRawResponse>(credential) is not
            { RawId: { } rawId, Response: { ClientDataJson: { } clientData, AuthenticatorData: { } authenticatorData, Signature: { } signature } } response)
        {
            return (null, PasskeyFailure.Malformed);
        }

        var stored = await challenges.TakeAsync(clientData, PasskeyCeremony.Approve, cancellationToken);
        if (stored is not { Nonce: { } nonce })
        {
            return (null, PasskeyFailure.NoChallenge);
        }

        if (stored.Subject != subject || stored.RequestId != requestId)
        {
            Log.PasskeyRefused(logger, "approval", "challenge of another request");
            return (null, OtherRequest);
        }

        var request = await requests.FindAsync(requestId, cancellationToken);
        if (Check(request, subject) is { } failure)
        {
            return (null, failure);
        }

        // The challenge again, from the request as it is now: the signature covers exactly this id, message and details.
        var challenge = TransactionChallenge.Derive(nonce, request!.Id, request.BindingMessage, request.AuthorizationDetailsJson);
        var options = AssertionOptions.FromJson(stored.OptionsJson);
        if (!CryptographicOperations.FixedTimeEquals(challenge, options.Challenge))
        {
            Log.PasskeyRefused(logger, "approval", "request changed");
            return (null, OtherRequest);
        }

        var passkey = await passkeys.FindByCredentialIdAsync(rawId, cancellationToken);
        if (passkey is null || passkey.Subject != subject)
        {
            Log.PasskeyRefused(logger, "approval", "unknown credential");
            return (null, PasskeyFailure.NotVerified);
        }

        var (signCount, error) = await verifier.VerifyAsync(response, options, passkey, cancellationToken);
        if (signCount is not { } count)
        {
            Log.PasskeyRefused(logger, "approval", error ?? "not verified");
            return (null, PasskeyFailure.NotVerified);
        }

        var receipt = new ApprovalReceiptRecord
        {
            RequestId = request.Id,
            Subject = subject,
            CredentialId = passkey.CredentialId,
            AuthenticatorData = authenticatorData,
            ClientDataJson = clientData,
            Signature = signature,
            Nonce = nonce,
            Challenge = challenge,
            BindingMessage = request.BindingMessage,
            AuthorizationDetails = request.AuthorizationDetailsJson is { } details ? CanonicalJson.CanonicalizeToString(details) : null,
            At = time.GetUtcNow(),
        };
        return (new ApprovalEvidence(receipt, passkey.Id, passkey.SignCount, count), null);
    }

    private PasskeyFailure? Check(BackchannelRequestRecord? request, string subject) =>
        BackchannelRequestStateMachine.CanDecide(request, subject, time.GetUtcNow()) switch
        {
            DeviceDecisionCheck.Allowed => null,
            DeviceDecisionCheck.NotFound => new PasskeyFailure(404, "No such request for this user."),
            _ => new PasskeyFailure(409, "The request was already decided or has expired."),
        };
}
