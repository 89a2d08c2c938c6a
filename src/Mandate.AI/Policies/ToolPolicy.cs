using System.Text.Json;

namespace Mandate.AI.Policies;

/// <summary>
/// How one tool is authorized: <see cref="ToolAuthorizationKind.Public"/>, <see cref="ToolAuthorizationKind.Autonomous"/>
/// (Client Credentials, RFC 6749 §4.4) or <see cref="ToolAuthorizationKind.OnBehalfOfUser"/> (CIBA Core §7, with a
/// binding message and RFC 9396 authorization details built from the tool's arguments). Read from configuration
/// (<see cref="ToolPolicyConfiguration"/>) or declared in code with the factory methods and <c>Set…</c> builders.
/// </summary>
public sealed class ToolPolicy
{
    /// <summary>How the tool is authorized.</summary>
    public ToolAuthorizationKind Kind { get; set; }

    /// <summary>The scope values the token needs (RFC 6749 §3.3). REQUIRED for autonomous and on-behalf-of tools.</summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>OPTIONAL. The resource the token is for (RFC 8707 §2 <c>resource</c>).</summary>
    public string? Resource { get; set; }

    /// <summary>
    /// OPTIONAL. A binding-message template filled from the tool's arguments, e.g.
    /// <c>"Allow agent to quote {productId}?"</c> (see <see cref="Policies.BindingMessage.Format"/>). Used when
    /// <see cref="BindingMessageBuilder"/> is not set. Default: <c>"Allow agent to use your {scopes}?"</c> with the scopes.
    /// </summary>
    public string? BindingMessage { get; set; }

    /// <summary>
    /// OPTIONAL. Builds the binding message (CIBA Core §7.1) from the call; the result is cleaned and cut to 100
    /// characters. May throw <see cref="ArgumentException"/> when the arguments cannot be authorized; the model then
    /// gets an <c>invalid_request</c> result with the exception's message.
    /// </summary>
    public Func<ToolCall, string?>? BindingMessageBuilder { get; set; }

    /// <summary>
    /// OPTIONAL. Builds the RFC 9396 <c>authorization_details</c> objects (each with a <c>type</c>, RFC 9396 §2) from
    /// the call. May throw <see cref="ArgumentException"/> when the arguments cannot be authorized.
    /// </summary>
    public Func<ToolCall, CancellationToken, ValueTask<IReadOnlyList<JsonElement>?>>? AuthorizationDetailsBuilder { get; set; }

    /// <summary>
    /// Whether an approval may be used once only (e.g. a purchase the resource server accepts once per token):
    /// calls waiting on the same pending approval share its token, but it is not cached for later calls.
    /// </summary>
    public bool SingleUse { get; set; }

    /// <summary>
    /// Whether the call and its pending approval are kept in the approval store
    /// (<see cref="Authorization.ToolAuthorizationOptions.ApprovalStore"/>), so that an agent that stops while the user
    /// decides — even killed — resumes the wait when it starts again and completes the call once
    /// (<see cref="Approvals.ApprovalRecovery"/>), with the same idempotency key
    /// (<see cref="Tokens.ToolTokenAccessor.IdempotencyKey"/>). Each call gets its own approval and its token is used for
    /// that call only (as with <see cref="SingleUse"/>). Only for tools on behalf of the user.
    /// </summary>
    public bool Durable { get; set; }

    /// <summary>OPTIONAL. What the model is told when the user declines, e.g. "The customer declined the purchase."</summary>
    public string? DeniedMessage { get; set; }

    /// <summary>A policy for a tool that needs no token.</summary>
    /// <returns>The policy.</returns>
    public static ToolPolicy Public() => new() { Kind = ToolAuthorizationKind.Public };

    /// <summary>A policy for a tool the agent calls on its own, with a Client Credentials token (RFC 6749 §4.4).</summary>
    /// <param name="scopes">The scope values.</param>
    /// <returns>The policy.</returns>
    public static ToolPolicy Autonomous(params string[] scopes) => WithScopes(ToolAuthorizationKind.Autonomous, scopes);

    /// <summary>A policy for a tool the agent calls for the user, who approves on their device (CIBA Core §7).</summary>
    /// <param name="scopes">The scope values.</param>
    /// <returns>The policy.</returns>
    public static ToolPolicy OnBehalfOfUser(params string[] scopes) => WithScopes(ToolAuthorizationKind.OnBehalfOfUser, scopes);

    /// <summary>Sets <see cref="Resource"/>.</summary>
    /// <param name="resource">The resource indicator (RFC 8707 §2).</param>
    /// <returns>This policy.</returns>
    public ToolPolicy SetResource(string? resource)
    {
        Resource = resource;
        return this;
    }

    /// <summary>Sets <see cref="BindingMessage"/>, a template filled from the tool's arguments.</summary>
    /// <param name="template">The template, e.g. <c>"Allow agent to quote {productId}?"</c>.</param>
    /// <returns>This policy.</returns>
    public ToolPolicy SetBindingMessage(string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        BindingMessage = template;
        return this;
    }

    /// <summary>Sets <see cref="BindingMessageBuilder"/>.</summary>
    /// <param name="builder">Builds the message from the call.</param>
    /// <returns>This policy.</returns>
    public ToolPolicy SetBindingMessage(Func<ToolCall, string?> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        BindingMessageBuilder = builder;
        return this;
    }

    /// <summary>Sets <see cref="AuthorizationDetailsBuilder"/> (RFC 9396).</summary>
    /// <param name="builder">Builds the authorization details from the call.</param>
    /// <returns>This policy.</returns>
    public ToolPolicy SetAuthorizationDetails(Func<ToolCall, CancellationToken, ValueTask<IReadOnlyList<JsonElement>?>> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AuthorizationDetailsBuilder = builder;
        return this;
    }

    /// <summary>Sets <see cref="AuthorizationDetailsBuilder"/> (RFC 9396) from a synchronous builder.</summary>
    /// <param name="builder">Builds the authorization details from the call.</param>
    /// <returns>This policy.</returns>
    public ToolPolicy SetAuthorizationDetails(Func<ToolCall, IReadOnlyList<JsonElement>?> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AuthorizationDetailsBuilder = (call, _) => ValueTask.FromResult(builder(call));
        return this;
    }

    /// <summary>Sets <see cref="DeniedMessage"/>.</summary>
    /// <param name="message">What the model is told when the user declines.</param>
    /// <returns>This policy.</returns>
    public ToolPolicy SetDeniedMessage(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        DeniedMessage = message;
        return this;
    }

    /// <summary>Sets <see cref="SingleUse"/>: the approval authorizes one call (plus calls already waiting on it).</summary>
    /// <returns>This policy.</returns>
    public ToolPolicy RequireSingleUse()
    {
        SingleUse = true;
        return this;
    }

    /// <summary>Sets <see cref="Durable"/>: the call and its pending approval survive a restart of the agent.</summary>
    /// <returns>This policy.</returns>
    public ToolPolicy KeepApprovalAcrossRestarts()
    {
        Durable = true;
        return this;
    }

    /// <summary>Checks the policy; throws with a message that says how to fix it.</summary>
    /// <param name="toolName">The tool the policy is for, for the message.</param>
    /// <exception cref="InvalidOperationException">The policy is incomplete.</exception>
    internal void Validate(string toolName)
    {
        switch (Kind)
        {
            case ToolAuthorizationKind.Unspecified:
                throw new InvalidOperationException(
                    $"Tool '{toolName}' has no authorization kind: set Auth to none, client_credentials or ciba.");
            case ToolAuthorizationKind.Autonomous or ToolAuthorizationKind.OnBehalfOfUser
                when Scopes.Count == 0 || Scopes.Any(string.IsNullOrWhiteSpace):
                throw new InvalidOperationException(
                    $"Tool '{toolName}' needs a token but has no scopes: set Scopes, e.g. \"prices\".");
            case ToolAuthorizationKind.Autonomous when BindingMessage is not null || BindingMessageBuilder is not null || AuthorizationDetailsBuilder is not null:
                throw new InvalidOperationException(
                    $"Tool '{toolName}' uses client_credentials, which has no user approval: a binding message or authorization details need Auth ciba.");
            case not ToolAuthorizationKind.OnBehalfOfUser when Durable:
                throw new InvalidOperationException(
                    $"Tool '{toolName}' keeps its approval across restarts (Durable), which needs a user's approval: set Auth to ciba, or Durable to false.");
            default:
                break;
        }
    }

    private static ToolPolicy WithScopes(ToolAuthorizationKind kind, string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var policy = new ToolPolicy { Kind = kind };
        foreach (var scope in scopes)
        {
            policy.Scopes.Add(scope);
        }

        return policy;
    }
}
