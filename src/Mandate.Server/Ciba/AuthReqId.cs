using System.Buffers.Binary;
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

    /// <summary>
    /// Creates the identifier the person's device knows a request by (distinct from the <c>auth_req_id</c>): the
    /// creation time in milliseconds (6 bytes, big-endian) then 128 random bits, in lowercase hex. Ids made one after
    /// another sort one after another, so a new request's key lands on the last pages of the table's primary-key index,
    /// which the requests of one commit share, instead of on a random page each (docs/benchmarks.md).
    /// </summary>
    public static string GenerateDeviceId(DateTimeOffset createdAt)
    {
        Span<byte> id = stackalloc byte[DeviceIdTimeBytes + 16];
        BinaryPrimitives.WriteInt64BigEndian(id, createdAt.ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(id[DeviceIdTimeBytes..]);
        return Convert.ToHexStringLower(id);
    }

    private const int DeviceIdTimeBytes = 6;

    /// <summary>The stored form of an identifier.</summary>
    public static string Hash(string authReqId) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(authReqId)));

    /// <summary>Whether a presented value has the shape of an identifier we issue (cheap check before any lookup).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: > 0 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
