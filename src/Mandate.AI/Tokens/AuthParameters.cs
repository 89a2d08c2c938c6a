namespace Mandate.AI.Tokens;

/// <summary>
/// Reads the auth-params of an authentication challenge (RFC 9110 §11.2: <c>name=token</c> or <c>name="quoted string"</c>,
/// comma separated, names case-insensitive). Malformed input ends the reading; what was read so far is kept. The first
/// of duplicate names wins.
/// </summary>
internal static class AuthParameters
{
    /// <summary>The longest parameter list read.</summary>
    public const int MaxLength = 8192;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The challenge's parameters (after the scheme).</param>
    /// <returns>The parameters by lower-case name.</returns>
    public static Dictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (text.Length > MaxLength)
        {
            return result;
        }

        var i = 0;
        while (i < text.Length)
        {
            SkipSeparators(text, ref i);
            var nameStart = i;
            while (i < text.Length && text[i] is not ('=' or ',' or ' ' or '\t'))
            {
                i++;
            }

            var name = text[nameStart..i];
            SkipWhitespace(text, ref i);
            if (name.Length == 0 || i >= text.Length || text[i] != '=')
            {
                return result;
            }

            i++;
            SkipWhitespace(text, ref i);
            if (ReadValue(text, ref i) is not { } value)
            {
                return result;
            }

            result.TryAdd(name, value);
        }

        return result;
    }

    private static string? ReadValue(string text, ref int i)
    {
        if (i < text.Length && text[i] == '"')
        {
            var value = new System.Text.StringBuilder();
            for (i++; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '"')
                {
                    i++;
                    return value.ToString();
                }

                if (c == '\\' && i + 1 < text.Length)
                {
                    c = text[++i];
                }

                value.Append(c);
            }

            return null; // unterminated quoted string
        }

        var start = i;
        while (i < text.Length && text[i] is not (',' or ' ' or '\t'))
        {
            i++;
        }

        return i > start ? text[start..i] : null;
    }

    private static void SkipSeparators(string text, ref int i)
    {
        while (i < text.Length && text[i] is ',' or ' ' or '\t')
        {
            i++;
        }
    }

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }
    }
}
