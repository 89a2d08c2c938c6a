using System.Globalization;
using System.Text;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>
/// Checks a CIBA <c>binding_message</c> (CIBA §7.1: "SHOULD be relatively short and use a limited set of plain text
/// characters"). Accepted: at most <see cref="MaxLength"/> characters of printable text — letters, marks, numbers,
/// punctuation, symbols (emoji included) and spaces. Refused with <c>invalid_binding_message</c> (CIBA §13): control
/// characters, format characters (bidi overrides and isolates, zero-width characters), line and paragraph separators,
/// private-use, unassigned and lone surrogate code points.
/// </summary>
public static class BindingMessageValidator
{
    /// <summary>Maximum length in Unicode scalar values.</summary>
    public const int MaxLength = 64;

    /// <summary>Returns null when the message is acceptable, otherwise the error.</summary>
    public static OAuthError? Validate(string message)
    {
        if (message.Length == 0 || string.IsNullOrWhiteSpace(message))
        {
            return OAuthError.InvalidBindingMessage("The binding_message is empty.");
        }

        var count = 0;
        var index = 0;
        while (index < message.Length)
        {
            if (Rune.DecodeFromUtf16(message.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return OAuthError.InvalidBindingMessage("The binding_message is not valid text.");
            }

            if (!IsPrintable(rune))
            {
                return OAuthError.InvalidBindingMessage("The binding_message may only hold printable text (no control or bidirectional-override characters).");
            }

            index += consumed;
            if (++count > MaxLength)
            {
                return OAuthError.InvalidBindingMessage("The binding_message is longer than 64 characters.");
            }
        }

        return null;
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate => false,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => true,
    };
}
