using System.Net;
using System.Net.Http.Headers;

namespace Mandate.AI.Tokens;

/// <summary>
/// A resource server's scope challenge: <c>403</c> with <c>WWW-Authenticate: Bearer error="insufficient_scope",
/// scope="…"</c> (RFC 6750 §3.1; MCP authorization 2025-11-25, "Scope Challenge Handling"). Parsed from the header's
/// auth-params (RFC 9110 §11.2); the server's values are untrusted, so only well-formed scope tokens (RFC 6749 §3.3),
/// at most <see cref="MaxScopes"/> of them, are kept.
/// </summary>
internal sealed class ScopeChallenge
{
    /// <summary>The most scopes taken from one challenge.</summary>
    public const int MaxScopes = 20;

    /// <summary>The longest scope token taken from a challenge.</summary>
    public const int MaxScopeLength = 100;

    private ScopeChallenge(IReadOnlyList<string> scopes) => Scopes = scopes;

    /// <summary>The scopes the server says the call needs; empty when the challenge named none (or none well-formed).</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The scope challenge of <paramref name="response"/>, or null when it is not a 403 <c>insufficient_scope</c> Bearer challenge.</summary>
    /// <param name="response">The resource server's answer.</param>
    /// <returns>The challenge, or null.</returns>
    public static ScopeChallenge? From(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.Forbidden)
        {
            return null;
        }

        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            if (Parse(challenge) is { } parsed)
            {
                return parsed;
            }
        }

        return null;
    }

    /// <summary>The scope challenge in one <c>WWW-Authenticate</c> value, or null.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <returns>The challenge, or null when it is not a Bearer <c>insufficient_scope</c> challenge.</returns>
    public static ScopeChallenge? Parse(AuthenticationHeaderValue challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || challenge.Parameter is not { } parameter)
        {
            return null;
        }

        var parameters = AuthParameters.Parse(parameter);
        if (!parameters.TryGetValue("error", out var error) || error != "insufficient_scope")
        {
            return null;
        }

        var scopes = new List<string>();
        if (parameters.TryGetValue("scope", out var scope))
        {
            foreach (var token in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (scopes.Count < MaxScopes && token.Length <= MaxScopeLength && IsScopeToken(token) && !scopes.Contains(token, StringComparer.Ordinal))
                {
                    scopes.Add(token);
                }
            }
        }

        return new ScopeChallenge(scopes);
    }

    /// <summary>RFC 6749 §3.3: <c>scope-token = 1*( %x21 / %x23-5B / %x5D-7E )</c>.</summary>
    private static bool IsScopeToken(string token) => token.All(c => c is '\x21' or (>= '\x23' and <= '\x5B') or (>= '\x5D' and <= '\x7E'));
}
