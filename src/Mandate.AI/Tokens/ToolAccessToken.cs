using System.Diagnostics;

namespace Mandate.AI.Tokens;

/// <summary>
/// An access token for a tool call (RFC 6749 §1.4). It reaches the tool through <see cref="ToolTokenAccessor"/>
/// and never the model. <see cref="ToString"/> and the debugger never show <see cref="Value"/>.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ToolAccessToken
{
    /// <summary>Creates the token.</summary>
    /// <param name="value">The access token string.</param>
    /// <param name="expiresAt">When it expires (RFC 6749 §5.1 <c>expires_in</c> from the time of issue), if known.</param>
    /// <param name="scope">The granted scope (RFC 6749 §5.1 <c>scope</c>), if the server said.</param>
    public ToolAccessToken(string value, DateTimeOffset? expiresAt = null, string? scope = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        ExpiresAt = expiresAt;
        Scope = scope;
    }

    /// <summary>REQUIRED. The access token string. Secret: never log it, never put it in a tool result.</summary>
    public string Value { get; }

    /// <summary>RECOMMENDED. When the token expires.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>OPTIONAL. The granted scope, space-separated.</summary>
    public string? Scope { get; }

    /// <summary>The <c>Authorization</c> header value, <c>Bearer {token}</c> (RFC 6750 §2.1).</summary>
    /// <returns>The header value.</returns>
    public string ToAuthorizationHeaderValue() => "Bearer " + Value;

    /// <summary>Describes the token without its value.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"ToolAccessToken {{ Scope = {Scope}, ExpiresAt = {ExpiresAt:O}, Value = [redacted] }}";
}
