using ModelContextProtocol.Protocol;
using ShoeStore.Api.Orders;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary><c>getOrders</c>: GET /orders. Scope <c>payment</c>, in a token for the customer (CIBA), as the REST API needs.</summary>
internal sealed class GetOrdersTool() : StoreTool(
    "getOrders",
    "Lists the customer's orders, newest first, each with the agent that placed it and the approval it used, as " +
    "GET /orders does. Needs the 'payment' scope in a token the customer approved (CIBA).",
    """{ "type": "object", "properties": {}, "additionalProperties": false }""",
    new StoreAccessRule(StoreScopes.Payment, RequiresUser: true),
    readOnly: true)
{
    protected override async Task<CallToolResult> CallAsync(StoreToolCall call, CancellationToken cancellationToken)
    {
        call.Arguments.RejectOthers();
        if (call.Arguments.Errors.Count > 0)
        {
            return StoreToolResults.Invalid(call.Arguments.Errors);
        }

        var orders = await call.Services.GetRequiredService<OrderHistory>().ListAsync(call.Token.Subject, cancellationToken);
        return StoreToolResults.List("orders", orders, call.Services);
    }
}
