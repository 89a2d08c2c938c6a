namespace Mandate.Client.ClientCredentials;

/// <summary>
/// The canonical form of a scope string (RFC 6749 §3.3: space-delimited, order does not matter): distinct tokens,
/// sorted ordinally, one space apart. An already canonical string is returned as is, without allocating.
/// </summary>
internal static class ScopeSet
{
    public static string Normalize(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return IsCanonical(scope) ? scope : Rebuild(scope);
    }

    public static string Join(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return Rebuild(string.Join(' ', scopes));
    }

    private static bool IsCanonical(string scope)
    {
        var previous = ReadOnlySpan<char>.Empty;
        var rest = scope.AsSpan();
        var first = true;
        while (true)
        {
            var space = rest.IndexOf(' ');
            var token = space < 0 ? rest : rest[..space];
            if (token.IsEmpty ? !(first && space < 0) : !IsScopeToken(token) || (!first && previous.SequenceCompareTo(token) >= 0))
            {
                return false;
            }

            if (space < 0)
            {
                return true;
            }

            previous = token;
            first = false;
            rest = rest[(space + 1)..];
        }
    }

    private static string Rebuild(string scope)
    {
        var tokens = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var token in tokens)
        {
            if (!IsScopeToken(token))
            {
                throw new ArgumentException("A scope token holds a character RFC 6749 §3.3 does not allow.", nameof(scope));
            }
        }

        Array.Sort(tokens, StringComparer.Ordinal);
        return string.Join(' ', tokens.Distinct(StringComparer.Ordinal));
    }

    /// <summary>RFC 6749 §3.3: <c>scope-token = 1*( %x21 / %x23-5B / %x5D-7E )</c>.</summary>
    private static bool IsScopeToken(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (c is < '!' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return !token.IsEmpty;
    }
}
