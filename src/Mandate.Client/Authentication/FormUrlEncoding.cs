using System.Text;

namespace Mandate.Client.Authentication;

/// <summary>
/// <c>application/x-www-form-urlencoded</c> encoding of one value (RFC 6749 Appendix B): letters, digits and
/// <c>*-._</c> stay, a space becomes <c>+</c>, every other UTF-8 byte becomes <c>%XX</c>.
/// </summary>
internal static class FormUrlEncoding
{
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && IsUnreserved((char)rune.Value))
            {
                builder.Append((char)rune.Value);
            }
            else if (rune.Value == ' ')
            {
                builder.Append('+');
            }
            else
            {
                var written = rune.EncodeToUtf8(bytes);
                for (var i = 0; i < written; i++)
                {
                    builder.Append('%').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return builder.ToString();
    }

    private static bool IsUnreserved(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '*' or '-' or '.' or '_';
}
