using Mandate.AI.Tokens;
using Mandate.AI.Policies;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ShoeStore.Agent.Store;

namespace ShoeStore.Agent.Tools.Mcp;

/// <summary>
/// One of the store's MCP tools as the model sees it: the server's name, description and JSON Schema (from
/// <c>tools/list</c>), called with <c>tools/call</c> and answered with the same JSON as the local tool
/// (<see cref="StoreToolResults"/>). It knows nothing about OAuth: Mandate.AI's handler on the MCP client's HTTP
/// transport carries the call's token, and steps up on a 403 scope challenge.
/// </summary>
internal sealed class McpStoreTool(McpClientTool tool, McpClient client, StoreToolResults results, Func<string> newIdempotencyKey)
    : DelegatingAIFunction(tool)
{
    /// <summary>The argument that makes a purchase retry-safe (the REST API's <c>Idempotency-Key</c>).</summary>
    public const string IdempotencyKey = "idempotencyKey";

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var values = new Dictionary<string, object?>(arguments, StringComparer.Ordinal);
        if (Name == ToolNames.PurchaseItem && !values.ContainsKey(IdempotencyKey))
        {
            // Mandate.AI's key for the call: the same on every run of a purchase kept across a restart.
            values[IdempotencyKey] = ToolTokenAccessor.CurrentIdempotencyKey ?? newIdempotencyKey();
        }

        CallToolResult result;
        try
        {
            result = await client.CallToolAsync(Name, values, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or McpException or IOException)
        {
            // A 403 scope challenge also ends here; Mandate.AI has recorded it and steps up before the model sees this.
            return StoreToolResults.Error(McpToolResultReader.Unavailable());
        }

        var call = new ToolCall(Name, arguments);
        return Name switch
        {
            ToolNames.GetProducts => results.Products(
                McpToolResultReader.Read(result, StoreJsonContext.Default.ListStoreProduct), call.GetString("query"), call.GetDecimal("size")),
            ToolNames.GetAvailableDeals => results.Deals(McpToolResultReader.Read(result, StoreJsonContext.Default.ListStoreDeal)),
            ToolNames.GetTailoredQuote => results.Quote(McpToolResultReader.Read(result, StoreJsonContext.Default.StoreQuote)),
            ToolNames.PurchaseItem => results.Order(McpToolResultReader.Read(result, StoreJsonContext.Default.StoreOrder)),
            _ => results.Orders(McpToolResultReader.Read(result, StoreJsonContext.Default.ListStoreOrder)),
        };
    }
}
