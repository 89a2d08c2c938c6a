using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mandate.AI.Policies;

/// <summary>
/// The access a tool's server publishes for it, so that the agent needs no hand-written table: the scopes a call needs
/// and whether only the user's approval will do. An MCP server publishes it in the tool's <c>_meta</c> in
/// <c>tools/list</c> (MCP 2025-11-25, "Tools"; the keys are <see cref="ScopesKey"/> and <see cref="UserApprovalKey"/>,
/// docs/mcp.md); <see cref="Authorization.ToolAuthorizationOptions.UsePublishedAccess"/> merges it into a
/// tool's policy.
/// </summary>
public sealed class PublishedToolAccess
{
    /// <summary>The <c>_meta</c> key of the scopes a call needs (a JSON array of strings; empty = any token for the resource).</summary>
    public const string ScopesKey = "mandate/scopes";

    /// <summary>The <c>_meta</c> key that says only a token the user approved (CIBA) will do (a JSON boolean).</summary>
    public const string UserApprovalKey = "mandate/customer_approval";

    /// <summary>Creates the published access.</summary>
    /// <param name="scopes">The scopes a call needs (RFC 6749 §3.3).</param>
    /// <param name="requiresUserApproval">Whether only a token the user approved will do.</param>
    public PublishedToolAccess(IReadOnlyList<string> scopes, bool requiresUserApproval)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("Each published scope must be one non-empty scope token (RFC 6749 §3.3).", nameof(scopes));
        }

        Scopes = [.. scopes.Distinct(StringComparer.Ordinal)];
        RequiresUserApproval = requiresUserApproval;
    }

    /// <summary>The scopes a call needs (RFC 6749 §3.3).</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Whether only a token the user approved (CIBA Core §7) will do.</summary>
    public bool RequiresUserApproval { get; }

    /// <summary>
    /// Reads the access an MCP tool publishes in its <c>_meta</c>: <see cref="ScopesKey"/> and, optionally,
    /// <see cref="UserApprovalKey"/>.
    /// </summary>
    /// <param name="meta">The tool's <c>_meta</c>, or null.</param>
    /// <returns>The published access, or null when the tool publishes none (no <see cref="ScopesKey"/>).</returns>
    /// <exception cref="FormatException">The members are there but not of the expected types.</exception>
    public static PublishedToolAccess? FromMeta(JsonObject? meta)
    {
        if (meta is null || !meta.TryGetPropertyValue(ScopesKey, out var scopesNode))
        {
            return null;
        }

        if (scopesNode is not JsonArray array || array.Any(n => n is null || n.GetValueKind() != JsonValueKind.String))
        {
            throw new FormatException($"The tool's _meta \"{ScopesKey}\" must be an array of scope strings.");
        }

        var approval = false;
        if (meta.TryGetPropertyValue(UserApprovalKey, out var approvalNode) && approvalNode is not null)
        {
            approval = approvalNode.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new FormatException($"The tool's _meta \"{UserApprovalKey}\" must be true or false."),
            };
        }

        try
        {
            return new PublishedToolAccess([.. array.Select(n => n!.GetValue<string>())], approval);
        }
        catch (ArgumentException exception)
        {
            throw new FormatException($"The tool's _meta \"{ScopesKey}\" holds a value that is not a scope token.", exception);
        }
    }
}
