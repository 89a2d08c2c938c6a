using Fido2NetLib;
using Fido2NetLib.Objects;
using Mandate.Server.Data;

namespace Mandate.Server.Passkeys;

/// <summary>
/// Verifies a WebAuthn assertion against a stored passkey (WebAuthn Level 3 §7.2) with the Fido2 library — type, the
/// challenge, the origin against the allowed origins, the RP id hash, the user-present and user-verified flags (UV is
/// required), the signature over <c>authenticatorData ‖ SHA-256(clientDataJSON)</c>, the user handle — and then checks
/// again, here, what this server relies on: the UV flag (§6.1) and that the signature counter did not go back
/// (§6.1.1: a counter not above the stored one, unless both are 0, may mean a cloned authenticator; it is refused).
/// </summary>
internal sealed class PasskeyAssertionVerifier(IFido2 fido2)
{
    /// <summary>The new signature counter, or the Fido2 error code (for a log; never the assertion) when it failed.</summary>
    public async Task<(uint? SignCount, string? Error)> VerifyAsync(
        AuthenticatorAssertionRawResponse response, AssertionOptions options, PasskeyRecord passkey, CancellationToken cancellationToken)
    {
        var userHandle = PasskeyStore.UserHandle(passkey.Subject);
        VerifyAssertionResult result;
        try
        {
            result = await fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = options,
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = (uint)Math.Clamp(passkey.SignCount, 0, uint.MaxValue),
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(p.UserHandle.AsSpan().SequenceEqual(userHandle)),
            }, cancellationToken);
        }
        catch (Fido2VerificationException e)
        {
            return (null, e.Code.ToString());
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or System.Formats.Cbor.CborContentException or System.Security.Cryptography.CryptographicException)
        {
            return (null, "malformed");
        }

        if (!AuthenticatorData.Parse(response.Response.AuthenticatorData).UserVerified)
        {
            return (null, "user not verified");
        }

        return SignCountRegressed(passkey.SignCount, result.SignCount) ? (null, "sign count regressed") : (result.SignCount, null);
    }

    /// <summary>WebAuthn Level 3 §6.1.1: whether a received counter fails to exceed the stored one (both 0 means the
    /// authenticator keeps no counter, which is allowed).</summary>
    public static bool SignCountRegressed(long stored, uint received) => (stored != 0 || received != 0) && received <= stored;
}
