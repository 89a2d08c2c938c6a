namespace ShoeStore.Api.Security;

/// <summary>
/// Checks an access token's text before any parsing: the RFC 6750 §2.1 <c>b64token</c> grammar, then the JWS
/// compact form (RFC 7515 §7.1; RFC 8725bis §3.14: only letters, digits, '-', '_', '.').
/// </summary>
internal static class AccessTokenSyntax
{
    /// <summary>Longest token accepted; real access tokens are far shorter.</summary>
    public const int MaxLength = 8192;

    /// <summary>Returns null when <paramref name="token"/> looks like a compact JWS, else why it does not.</summary>
    public static string? Problem(string token)
    {
        if (token.Length is 0 or > MaxLength)
        {
            return "The access token is malformed";
        }

        var segments = 1;
        foreach (var c in token)
        {
            if (c == '.')
            {
                segments++;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return "The access token is malformed";
            }
        }

        if (segments == 5)
        {
            return "The access token must be a signed JWT, not an encrypted one";
        }

        var parts = token.Split('.');
        // Header and payload must be there; an empty signature is left to the handler, which refuses unsigned tokens.
        return segments != 3 || parts[0].Length == 0 || parts[1].Length == 0 ? "The access token is malformed" : null;
    }
}
