using System.Buffers.Text;
using System.Security.Cryptography;

namespace Mandate.Client.Ciba.Ping;

/// <summary>
/// The <c>client_notification_token</c> of ping mode (CIBA Core §7.1): a bearer token the OP presents when it notifies
/// the client. Made of 256 bits from a CSPRNG (the spec asks for at least 128, recommends 160), base64url, so it is an
/// RFC 6750 §2.1 <c>b64token</c> of 43 characters (≤ 1024). A new one is made for every request.
/// </summary>
internal static class ClientNotificationToken
{
    /// <summary>The most characters CIBA Core §7.1 allows.</summary>
    public const int MaxLength = 1024;

    /// <summary>Random bytes in a token made by <see cref="Create"/>.</summary>
    public const int EntropyBytes = 32;

    /// <summary>Makes a fresh token.</summary>
    /// <returns>43 base64url characters.</returns>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(EntropyBytes));

    /// <summary>Whether <paramref name="value"/> is an RFC 6750 §2.1 <c>b64token</c> of at most <see cref="MaxLength"/> characters.</summary>
    /// <param name="value">The candidate.</param>
    /// <returns>True when the syntax is valid.</returns>
    public static bool IsValidSyntax(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > MaxLength)
        {
            return false;
        }

        var end = value.Length;
        while (end > 1 && value[end - 1] == '=')
        {
            end--;
        }

        foreach (var c in value[..end])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
            {
                return false;
            }
        }

        return true;
    }
}
