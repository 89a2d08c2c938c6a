using Mandate.AI.Tokens;

namespace Mandate.AI.Authorization;

/// <summary>The decision for one tool call: run it (with a token, or none for a public tool), or refuse it.</summary>
public sealed class ToolAuthorizationOutcome
{
    private static readonly ToolAuthorizationOutcome PublicOutcome = new(null, null);

    private ToolAuthorizationOutcome(ToolAccessToken? token, ToolAuthorizationFailure? failure, DurableCall? durable = null)
    {
        Token = token;
        Failure = failure;
        Durable = durable;
    }

    /// <summary>For a <see cref="Policies.ToolPolicy.Durable"/> tool: the kept approval to finish once the call has run.</summary>
    internal DurableCall? Durable { get; }

    /// <summary>The token the tool runs with; null for a public tool or a refusal.</summary>
    public ToolAccessToken? Token { get; }

    /// <summary>Why the call is refused; null when it may run.</summary>
    public ToolAuthorizationFailure? Failure { get; }

    /// <summary>Whether the tool may run.</summary>
    public bool IsAllowed => Failure is null;

    /// <summary>The tool runs without a token.</summary>
    /// <returns>The outcome.</returns>
    internal static ToolAuthorizationOutcome AllowedWithoutToken() => PublicOutcome;

    /// <summary>The tool runs with <paramref name="token"/>.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The outcome.</returns>
    internal static ToolAuthorizationOutcome Allowed(ToolAccessToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ToolAuthorizationOutcome(token, null);
    }

    /// <summary>The tool runs with <paramref name="token"/>, under its kept approval.</summary>
    /// <param name="token">The token.</param>
    /// <param name="durable">The kept approval.</param>
    /// <returns>The outcome.</returns>
    internal static ToolAuthorizationOutcome Allowed(ToolAccessToken token, DurableCall durable)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ToolAuthorizationOutcome(token, null, durable);
    }

    /// <summary>The tool does not run; the model gets <paramref name="failure"/>.</summary>
    /// <param name="failure">Why.</param>
    /// <returns>The outcome.</returns>
    internal static ToolAuthorizationOutcome Refused(ToolAuthorizationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new ToolAuthorizationOutcome(null, failure);
    }
}
