using Mandate.AI.Policies;

namespace Mandate.AI.Authorization;

/// <summary>
/// Settings of tool authorization: the policy of each tool (by name), who the user is, where approval progress
/// goes, and how long user tokens are kept.
/// </summary>
public sealed class ToolAuthorizationOptions
{
    /// <summary>The configuration section the policies are read from by default: <c>Mandate:Tools</c>.</summary>
    public const string SectionName = "Mandate:Tools";

    /// <summary>The policy of each tool, by tool name (ordinal, case-sensitive like the model's tool names).</summary>
    public IDictionary<string, ToolPolicy> Policies { get; } = new Dictionary<string, ToolPolicy>(StringComparer.Ordinal);

    /// <summary>
    /// The user the agent acts for (CIBA Core §7.1 <c>login_hint</c>) when <see cref="UserResolver"/> is not set or
    /// returns null: for an agent that serves one person, e.g. a console assistant.
    /// </summary>
    public string? LoginHint { get; set; }

    /// <summary>
    /// OPTIONAL. Host hook: who the user of a call is (a <c>login_hint</c>), e.g. from the signed-in user of a web
    /// request through <see cref="ToolCall.Arguments"/>' services. Null → <see cref="LoginHint"/>.
    /// </summary>
    public Func<ToolCall, string?>? UserResolver { get; set; }

    /// <summary>OPTIONAL. Told about every user approval: waiting, the binding message, time left, the outcome.</summary>
    public IProgress<ApprovalProgress>? Progress { get; set; }

    /// <summary>A cached user token is not used when it expires within this time: default 30 seconds.</summary>
    public TimeSpan TokenExpirySkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// OPTIONAL. How long to wait for a user's decision before giving up (the result is then
    /// <c>expired_token</c>). Null: until the server's request expires (CIBA Core §7.3 <c>expires_in</c>).
    /// </summary>
    public TimeSpan? ApprovalTimeout { get; set; }

    /// <summary>
    /// Where calls of <see cref="ToolPolicy.Durable"/> tools and their pending approvals are kept, e.g. a
    /// <see cref="Approvals.SqliteApprovalStore"/> (<c>services.AddApprovalStore(path)</c>). Null: in memory, so they
    /// behave the same but do not survive the process.
    /// </summary>
    public Approvals.IApprovalStore? ApprovalStore { get; set; }

    /// <summary>The most user tokens kept at once: default 256.</summary>
    public int MaxCachedUserTokens { get; set; } = 256;

    /// <summary>
    /// Whether a tool without a policy runs without a token (true) or is refused with
    /// <c>tool_not_authorized</c> (false, the default: every tool must be declared).
    /// </summary>
    public bool AllowToolsWithoutPolicy { get; set; }

    /// <summary>The policy of <paramref name="toolName"/>, added empty when missing, to declare or complete it in code.</summary>
    /// <param name="toolName">The tool's name.</param>
    /// <returns>The policy.</returns>
    public ToolPolicy Tool(string toolName)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        if (!Policies.TryGetValue(toolName, out var policy))
        {
            policy = new ToolPolicy();
            Policies[toolName] = policy;
        }

        return policy;
    }

    /// <summary>Declares the policy of <paramref name="toolName"/>, replacing any earlier one.</summary>
    /// <param name="toolName">The tool's name.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>These options.</returns>
    public ToolAuthorizationOptions SetPolicy(string toolName, ToolPolicy policy)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        ArgumentNullException.ThrowIfNull(policy);
        Policies[toolName] = policy;
        return this;
    }

    /// <summary>
    /// Merges the access a tool's server publishes (<see cref="PublishedToolAccess"/>, e.g. from an MCP tool's
    /// <c>_meta</c>) into the tool's policy, and makes the tool's tokens tokens for <paramref name="resource"/> (RFC 8707
    /// §2; for an MCP server, its URL, the <c>resource</c> of its RFC 9728 metadata). The published access is a floor:
    /// the policy asks for at least the published scopes, and for the user's approval when the server requires it; a
    /// stricter local policy (more scopes, the user's approval where the agent's own token would do) stays. A tool that
    /// needs no scope and no approval stays public: no token of its own, so its requests carry the transport's token for
    /// the resource (<c>AddToolAccessToken(resource, scopes)</c>). Binding messages, authorization details, single use
    /// and the denied message stay as declared locally.
    /// </summary>
    /// <param name="toolName">The tool's name.</param>
    /// <param name="access">What the server publishes for the tool.</param>
    /// <param name="resource">The resource indicator the tool's tokens are for.</param>
    /// <returns>The tool's policy.</returns>
    public ToolPolicy UsePublishedAccess(string toolName, PublishedToolAccess access, string resource)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentException.ThrowIfNullOrEmpty(resource);
        var policy = Tool(toolName);
        var published = access.RequiresUserApproval ? ToolAuthorizationKind.OnBehalfOfUser
            : access.Scopes.Count > 0 ? ToolAuthorizationKind.Autonomous
            : ToolAuthorizationKind.Public;
        if (policy.Kind < published)
        {
            policy.Kind = published;
        }

        foreach (var scope in access.Scopes)
        {
            if (!policy.Scopes.Contains(scope))
            {
                policy.Scopes.Add(scope);
            }
        }

        policy.Resource = resource;
        return policy;
    }

    /// <summary>Checks every policy and setting; throws with a message that says how to fix it.</summary>
    /// <exception cref="InvalidOperationException">A policy or setting is not valid.</exception>
    internal void Validate()
    {
        foreach (var (name, policy) in Policies)
        {
            policy.Validate(name);
        }

        if (TokenExpirySkew < TimeSpan.Zero)
        {
            throw new InvalidOperationException("TokenExpirySkew must not be negative.");
        }

        if (ApprovalTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("ApprovalTimeout must be positive, or null to wait until the request expires.");
        }

        if (MaxCachedUserTokens < 0)
        {
            throw new InvalidOperationException("MaxCachedUserTokens must not be negative.");
        }
    }
}
