using ModelContextProtocol.Protocol;
using ShoeStore.Api.Deals;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary><c>getAvailableDeals</c>: GET /deals. Scope <c>prices</c>; the agent's own (client-credentials) token is enough.</summary>
internal sealed class GetAvailableDealsTool() : StoreTool(
    "getAvailableDeals",
    "Lists the store's deals active now, best first, with list and deal price, as GET /deals does. " +
    "Needs the 'prices' scope (the agent's own client-credentials token is enough).",
    """{ "type": "object", "properties": {}, "additionalProperties": false }""",
    new StoreAccessRule(StoreScopes.Prices, RequiresUser: false),
    readOnly: true)
{
    protected override async Task<CallToolResult> CallAsync(StoreToolCall call, CancellationToken cancellationToken)
    {
        call.Arguments.RejectOthers();
        if (call.Arguments.Errors.Count > 0)
        {
            return StoreToolResults.Invalid(call.Arguments.Errors);
        }

        var deals = await call.Services.GetRequiredService<ActiveDeals>().ListAsync(cancellationToken);
        return StoreToolResults.List("deals", deals, call.Services);
    }
}
