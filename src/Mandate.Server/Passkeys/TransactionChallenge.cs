using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Server.Passkeys;

/// <summary>
/// The WebAuthn challenge of a passkey approval (WebAuthn Level 3 §13.4.3 leaves its content to the relying party):
/// <c>SHA-256(nonce ‖ canonical bytes of the request)</c>, where the nonce is 32 bytes of server randomness (kept by
/// the server, used once) and the canonical bytes are a version label followed by three length-prefixed fields — the
/// device request id, the binding message (CIBA §7.1) and the canonical JSON (<see cref="CanonicalJson"/>) of its
/// <c>authorization_details</c> (RFC 9396) — each as UTF-8 after a 4-byte big-endian length, an absent field as
/// length <c>0xFFFFFFFF</c>. The authenticator signs over <c>clientDataJSON</c>, which holds the challenge (§5.8.1), so
/// the signature covers exactly what the device showed: change the id, the message or any detail and the challenge
/// changes.
/// </summary>
internal static class TransactionChallenge
{
    /// <summary>The size of the server randomness, in bytes.</summary>
    public const int NonceSize = 32;

    private static readonly byte[] Label = Encoding.ASCII.GetBytes("mandate.passkey-approval.v1");

    /// <summary>A new nonce.</summary>
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    /// <summary>The challenge for a request and a nonce.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> nonce, string requestId, string? bindingMessage, string? authorizationDetailsJson)
    {
        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"The nonce must be {NonceSize} bytes.", nameof(nonce));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(nonce);
        hash.AppendData(CanonicalBytes(requestId, bindingMessage, authorizationDetailsJson));
        return hash.GetHashAndReset();
    }

    /// <summary>The canonical bytes of a request (what follows the nonce).</summary>
    public static byte[] CanonicalBytes(string requestId, string? bindingMessage, string? authorizationDetailsJson)
    {
        using var stream = new MemoryStream();
        stream.Write(Label);
        Field(stream, Encoding.UTF8.GetBytes(requestId));
        Field(stream, bindingMessage is null ? null : Encoding.UTF8.GetBytes(bindingMessage));
        Field(stream, authorizationDetailsJson is null ? null : CanonicalJson.Canonicalize(authorizationDetailsJson));
        return stream.ToArray();
    }

    private static void Field(MemoryStream stream, byte[]? value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, value is null ? uint.MaxValue : (uint)value.Length);
        stream.Write(length);
        if (value is not null)
        {
            stream.Write(value);
        }
    }
}
