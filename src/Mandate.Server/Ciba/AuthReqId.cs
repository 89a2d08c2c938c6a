using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Server.Ciba;

/// <summary>
/// <c>auth_req_id</c> values (CIBA §7.3): a time prefix, then 256 random bits (only <c>0-9 a-f</c>, then
/// <c>A-Z a-z 0-9 - _</c>). Only their SHA-256 is stored, so a database read does not yield a redeemable identifier.
/// Identifiers and their stored forms sort by creation time: the requests of one commit then land on the last pages
/// of the indexes on these columns, which they share, instead of on a random page each (docs/benchmarks.md).
/// </summary>
internal static class AuthReqId
{
    private const int TimeHexLength = 12;

    private const int RandomLength = 43;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>Creates a new identifier: the creation time in milliseconds (12 lowercase hex digits), then 256 random
    /// bits in base64url. The client learns nothing from the time but when it asked.</summary>
    public static string Generate(DateTimeOffset createdAt) =>
        TimeHex(createdAt) + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates the identifier the person's device knows a request by (distinct from the <c>auth_req_id</c>):
    /// the creation time in milliseconds (12 hex digits), then 128 random bits, in lowercase hex.</summary>
    public static string GenerateDeviceId(DateTimeOffset createdAt) =>
        TimeHex(createdAt) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The stored form of an identifier: its SHA-256 in base64url, after its time prefix when it has one.
    /// Identifiers issued before the prefix existed hash as they did then.</summary>
    public static string Hash(string authReqId)
    {
        var hash = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(authReqId)));
        return authReqId.Length == TimeHexLength + RandomLength && !authReqId.AsSpan(0, TimeHexLength).ContainsAnyExcept(LowerHex)
            ? string.Concat(authReqId.AsSpan(0, TimeHexLength), hash)
            : hash;
    }

    /// <summary>Whether a presented value has the shape of an identifier we issue (cheap check before any lookup).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: > 0 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Milliseconds since the Unix epoch as 12 lowercase hex digits (48 bits, enough until the year 10889),
    /// so that later times sort after earlier ones.</summary>
    private static string TimeHex(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture);
}
