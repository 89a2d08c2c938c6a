using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Server.Ciba;

/// <summary>
/// <c>auth_req_id</c> values (CIBA §7.3): 256 random bits, base64url (only <c>A-Z a-z 0-9 - _</c>).
/// Only their SHA-256 is stored, so a database read does not yield a redeemable identifier.
/// </summary>
internal static class AuthReqId
{
    /// <summary>Creates a new identifier.</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates a random identifier for the user's device (distinct from the <c>auth_req_id</c>).</summary>
    public static string GenerateDeviceId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The stored form of an identifier.</summary>
    public static string Hash(string authReqId) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(authReqId)));

    /// <summary>Whether a presented value has the shape of an identifier we issue (cheap check before any lookup).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: > 0 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
