using System.Globalization;
using System.Text;
using Mandate.Text;

namespace Mandate.AI.Policies;

/// <summary>
/// Builds CIBA <c>binding_message</c> values (CIBA Core §7.1: "SHOULD be relatively short and use a limited set of
/// plain text characters"). Every message leaving Mandate.AI is at most <see cref="MaxLength"/> Unicode characters
/// of visible text: control characters become spaces or are dropped, format characters (bidirectional overrides
/// and isolates, zero-width characters), private-use, unassigned and lone surrogate code points are dropped, and so
/// are the other invisible and overlay characters Mandate.Server refuses (default-ignorable code points such as
/// U+034F, U+17B4, U+FE00–U+FE0F and the Hangul fillers U+115F, U+1160, U+3164, U+FFA0; U+2800 Braille blank;
/// combining overlays such as U+0334–U+0338 and enclosing marks); runs of white space become one space, and a longer
/// message is cut with an ellipsis. Dropping U+FE0F (emoji presentation) turns ❤️ into ❤, which the server accepts.
/// </summary>
/// <remarks>100 characters is PingOne Advanced Identity Cloud's limit and Mandate.Server's (docs/pingone-aic.md).</remarks>
public static class BindingMessage
{
    /// <summary>The longest binding message, in Unicode scalar values.</summary>
    public const int MaxLength = 100;

    private const string Ellipsis = "…";

    /// <summary>Cleans <paramref name="text"/> to printable text and cuts it to <see cref="MaxLength"/> characters.</summary>
    /// <param name="text">The text, e.g. built from a tool's arguments.</param>
    /// <returns>The message, or null when nothing printable is left.</returns>
    public static string? Clean(string? text)
    {
        var runes = Printable(text);
        return runes.Count == 0 ? null : Cut(runes, MaxLength);
    }

    /// <summary>
    /// Fills a template such as <c>"Allow agent to quote {productId}?"</c> with the call's arguments (each
    /// placeholder names an argument; <c>{{</c> and <c>}}</c> stand for braces; a missing argument leaves nothing),
    /// then cleans the result with <see cref="Clean"/>.
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="call">The tool call whose arguments fill it.</param>
    /// <returns>The message, or null when nothing printable is left.</returns>
    public static string? Format(string template, ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(call);
        var text = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
            }
            else if (c == '{' && template.IndexOf('}', i + 1) is var end and > 0)
            {
                var name = template[(i + 1)..end];
                text.Append(RunesToString(Printable(call.GetString(name))));
                i = end;
            }
            else
            {
                text.Append(c);
            }
        }

        return Clean(text.ToString());
    }

    /// <summary>
    /// Joins <paramref name="prefix"/>, <paramref name="subject"/> and <paramref name="suffix"/>, shortening the
    /// subject (with an ellipsis) rather than cutting the end, so that "Allow agent to place order for … (USD
    /// 140.00)?" keeps its amount. Each part is cleaned as by <see cref="Clean"/>.
    /// </summary>
    /// <param name="prefix">The fixed start, e.g. <c>"Allow agent to place order for "</c>.</param>
    /// <param name="subject">The part that may be shortened, e.g. a product name.</param>
    /// <param name="suffix">The fixed end, e.g. <c>"?"</c>.</param>
    /// <returns>The message, or null when nothing printable is left.</returns>
    public static string? Fit(string prefix, string? subject, string suffix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(suffix);
        var all = Printable(prefix + subject + suffix);
        if (all.Count <= MaxLength)
        {
            return all.Count == 0 ? null : RunesToString(all);
        }

        var subjectRunes = Printable(subject);
        for (var budget = subjectRunes.Count - (all.Count - MaxLength); budget >= 2; budget--)
        {
            var candidate = Printable(prefix + Cut(subjectRunes, budget) + suffix);
            if (candidate.Count <= MaxLength)
            {
                return RunesToString(candidate);
            }
        }

        return Cut(all, MaxLength);
    }

    /// <summary>The printable runes of <paramref name="text"/>, with white space collapsed to single spaces and trimmed.</summary>
    private static List<Rune> Printable(string? text)
    {
        var runes = new List<Rune>(text?.Length ?? 0);
        if (string.IsNullOrEmpty(text))
        {
            return runes;
        }

        var pendingSpace = false;
        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                index += Math.Max(consumed, 1);
                continue;
            }

            index += consumed;
            switch (Classify(rune))
            {
                case Kind.Space:
                    pendingSpace = runes.Count > 0;
                    break;
                case Kind.Printable:
                    if (pendingSpace)
                    {
                        runes.Add(new Rune(' '));
                        pendingSpace = false;
                    }

                    runes.Add(rune);
                    break;
                default:
                    break;
            }
        }

        return runes;
    }

    private static Kind Classify(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => Kind.Space,
        UnicodeCategory.Control => Rune.IsWhiteSpace(rune) ? Kind.Space : Kind.Dropped,
        UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate
            or UnicodeCategory.EnclosingMark => Kind.Dropped,
        _ => InvisibleCodePoints.IsInvisibleOrOverlay(rune.Value) ? Kind.Dropped : Kind.Printable,
    };

    private static string Cut(List<Rune> runes, int max)
    {
        if (runes.Count <= max)
        {
            return RunesToString(runes);
        }

        var kept = runes.GetRange(0, max - 1);
        while (kept.Count > 0 && kept[^1].Value == ' ')
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return RunesToString(kept) + Ellipsis;
    }

    private static string RunesToString(List<Rune> runes)
    {
        var text = new StringBuilder(runes.Count + 8);
        foreach (var rune in runes)
        {
            text.Append(rune.ToString());
        }

        return text.ToString();
    }

    private enum Kind
    {
        Printable,
        Space,
        Dropped,
    }
}
