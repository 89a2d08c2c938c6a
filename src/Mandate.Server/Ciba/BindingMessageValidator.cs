using System.Globalization;
using System.Text;
using Mandate.Server.Protocol;
using Mandate.Text;

namespace Mandate.Server.Ciba;

/// <summary>
/// Checks a CIBA <c>binding_message</c> (CIBA Core §7.1: "SHOULD be relatively short and use a limited set of plain
/// text characters"). Accepted: at most <see cref="MaxLength"/> characters of visible text — letters, numbers,
/// punctuation, symbols (emoji included), ordinary combining marks (accents such as e + U+0301) and the space U+0020.
/// Refused with <c>invalid_binding_message</c> (CIBA Core §13):
/// <list type="bullet">
/// <item>control characters, format characters (Unicode category Cf: bidi overrides and isolates, zero-width
/// characters, tags), other space separators, line and paragraph separators, private-use, unassigned and lone
/// surrogate code points;</item>
/// <item>every other default-ignorable code point (Unicode DerivedCoreProperties), which renders as nothing: U+034F
/// combining grapheme joiner, U+115F and U+1160 Hangul fillers, U+17B4 and U+17B5, U+180B–U+180F Mongolian variation
/// selectors, U+3164 and U+FFA0 Hangul fillers, U+FE00–U+FE0F and U+E0100–U+E01EF variation selectors, U+E0000–U+E0FFF
/// (tags and reserved);</item>
/// <item>blank-looking fillers: U+2800 Braille pattern blank;</item>
/// <item>marks drawn over the preceding character: combining overlays (canonical combining class 1: U+0334–U+0338,
/// U+1CD4, U+1CE2–U+1CE8, U+20D2–U+20D3, U+20D8–U+20DA, U+20E5–U+20E6, U+20EA–U+20EB, U+10A39, U+16AF0–U+16AF4,
/// U+1BC9E, U+1D167–U+1D169) and enclosing marks (category Me, e.g. U+20E0 prohibition overlay).</item>
/// </list>
/// </summary>
/// <remarks>
/// Refusing U+FE0F (variation selector 16, "emoji presentation") refuses the emoji sequences that need it, such as
/// ❤️ (U+2764 U+FE0F) or keycaps (which also use the enclosing mark U+20E3); emoji that are emoji by default, such as
/// 👟 or 👍, are accepted, with or without a skin-tone modifier. ZWJ sequences were already refused (U+200D is Cf).
/// An invisible character in an approval text hides what the person approves, so the rule prefers refusing a rare
/// emoji spelling to letting one through. 100 characters is PingOne Advanced Identity Cloud's limit
/// (docs/pingone-aic.md).
/// </remarks>
internal static class BindingMessageValidator
{
    /// <summary>Maximum length in Unicode scalar values.</summary>
    public const int MaxLength = 100;

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

            if (!IsVisible(rune))
            {
                return OAuthError.InvalidBindingMessage(
                    "The binding_message may only hold visible text (no control, invisible, overlay or bidirectional-override characters).");
            }

            index += consumed;
            if (++count > MaxLength)
            {
                return OAuthError.InvalidBindingMessage("The binding_message is longer than " + MaxLength + " characters.");
            }
        }

        return null;
    }

    /// <summary>Whether the code point is visible text as described on the class.</summary>
    public static bool IsVisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate or UnicodeCategory.EnclosingMark => false,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => !InvisibleCodePoints.IsInvisibleOrOverlay(rune.Value),
    };
}
