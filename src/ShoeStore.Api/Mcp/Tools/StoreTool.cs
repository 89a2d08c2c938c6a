using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ShoeStore.Api.Problems;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary>
/// One of the store's MCP tools (MCP 2025-11-25, Server Features, Tools): its name, description, input schema and —
/// declared once, here — the access it needs. The access is published in the tool's <c>_meta</c> as
/// <c>mandate/scopes</c> and <c>mandate/customer_approval</c>, enforced before the call by
/// <see cref="McpToolAccessHandler"/> (HTTP 403 <c>insufficient_scope</c>) and again when the tool runs.
/// </summary>
internal abstract class StoreTool : McpServerTool
{
    /// <summary>The <c>_meta</c> key listing the scopes a call needs (empty: any valid token for this resource).</summary>
    public const string ScopesMetaKey = "mandate/scopes";

    /// <summary>The <c>_meta</c> key that is true when only a token for a customer (CIBA approval) will do.</summary>
    public const string CustomerApprovalMetaKey = "mandate/customer_approval";

    private readonly Tool _tool;

    protected StoreTool(string name, string description, string inputSchema, StoreAccessRule? access, bool readOnly)
    {
        Access = access;
        _tool = new Tool
        {
            Name = name,
            Description = description,
            InputSchema = JsonDocument.Parse(inputSchema).RootElement.Clone(),
            Annotations = new ToolAnnotations { ReadOnlyHint = readOnly, DestructiveHint = false, OpenWorldHint = false },
            Meta = new JsonObject
            {
                [ScopesMetaKey] = access is null ? new JsonArray() : new JsonArray(access.Scope),
                [CustomerApprovalMetaKey] = access?.RequiresUser ?? false,
            },
        };
    }

    /// <summary>What the call needs from the access token; null when any valid token for this resource will do.</summary>
    public StoreAccessRule? Access { get; }

    public string Name => _tool.Name;

    public override Tool ProtocolTool => _tool;

    public override IReadOnlyList<object> Metadata => Access is null ? [] : [Access];

    public override async ValueTask<CallToolResult> InvokeAsync(
        RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var services = request.Services ?? throw new InvalidOperationException("The MCP request has no services.");
        var token = services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Features.Get<AccessTokenClaims>();
        if (token is null)
        {
            // The endpoint's policy requires a token; reaching here without one is a host misconfiguration.
            throw new InvalidOperationException("The MCP endpoint ran without a validated access token.");
        }

        if (Refusal(token) is { } refusal)
        {
            return refusal;
        }

        var arguments = new ToolArguments(request.Params?.Arguments);
        return await CallAsync(new StoreToolCall(token, arguments, services), cancellationToken);
    }

    /// <summary>
    /// The tool's own check of <see cref="Access"/>, made again when it runs (the HTTP 403 of
    /// <see cref="McpToolAccessHandler"/> comes first): null when <paramref name="token"/> may call it, else an
    /// <c>isError</c> result saying what is missing.
    /// </summary>
    public CallToolResult? Refusal(AccessTokenClaims token) =>
        Access?.Evaluate(token) is { IsAllowed: false } refused
            ? StoreToolResults.Problem(ProblemTypes.InsufficientScope, "Insufficient scope", refused.Description!)
            : null;

    /// <summary>Runs the tool for a token that <see cref="Access"/> allows.</summary>
    protected abstract Task<CallToolResult> CallAsync(StoreToolCall call, CancellationToken cancellationToken);
}
