using ModelContextProtocol.Protocol;
using ShoeStore.Api.Orders;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary>
/// <c>purchaseItem</c>: POST /orders through the same <see cref="OrderService"/>. Scope <c>payment</c>, in a token
/// for the customer (CIBA); when the token carries <c>authorization_details</c> the order must match them
/// (<see cref="PurchaseBinding"/>, RFC 9396) and the approval buys once (one order per token <c>jti</c>).
/// </summary>
internal sealed class PurchaseItemTool() : StoreTool(
    "purchaseItem",
    "Buys with the customer's saved card, as POST /orders does: a quote (quoteId from getTailoredQuote), or " +
    "productId, size and quantity. Needs the 'payment' scope in a token the customer approved (CIBA); when the " +
    "approval names a purchase (authorization_details shoe_purchase), the order must match it, and each approval " +
    "buys once. Pass the same idempotencyKey when retrying, so a retry never buys twice.",
    """
    {
      "type": "object",
      "properties": {
        "quoteId": { "type": "string", "maxLength": 64, "description": "The id of a quote from getTailoredQuote." },
        "productId": { "type": "string", "maxLength": 64, "description": "Without a quote: the product id, e.g. nike-pegasus-41." },
        "size": { "type": "number", "minimum": 1, "maximum": 20, "multipleOf": 0.5, "description": "Without a quote: the US size." },
        "quantity": { "type": "integer", "minimum": 1, "maximum": 10, "description": "Without a quote: how many pairs." },
        "idempotencyKey": { "type": "string", "minLength": 1, "maxLength": 255, "description": "A client-chosen key (e.g. a UUID); a retry with the same key returns the first result." }
      },
      "additionalProperties": false
    }
    """,
    new StoreAccessRule(StoreScopes.Payment, RequiresUser: true),
    readOnly: false)
{
    protected override async Task<CallToolResult> CallAsync(StoreToolCall call, CancellationToken cancellationToken)
    {
        var arguments = call.Arguments;
        var request = new OrderRequest(
            arguments.String("quoteId"), arguments.String("productId"), arguments.Decimal("size"), arguments.Integer("quantity"));
        var rawKey = arguments.String("idempotencyKey");
        arguments.RejectOthers("quoteId", "productId", "size", "quantity", "idempotencyKey");
        var errors = request.Validate();
        foreach (var (field, messages) in arguments.Errors)
        {
            errors[field] = messages;
        }

        string? key = null;
        if (rawKey is not null)
        {
            (key, var keyError) = IdempotencyKey.Parse(rawKey);
            if (keyError is not null)
            {
                errors["idempotencyKey"] = [keyError];
            }
        }

        if (errors.Count > 0)
        {
            return StoreToolResults.Invalid(errors);
        }

        var outcome = await call.Services.GetRequiredService<OrderService>().PlaceAsync(call.Token, request, key, cancellationToken);
        return outcome switch
        {
            OrderOutcome.Placed placed => StoreToolResults.Object(placed.Order, call.Services),
            OrderOutcome.Replayed replayed => StoreToolResults.Stored(replayed.Body),
            _ => StoreToolProblems.ForOrder(outcome) ?? throw new InvalidOperationException("Unhandled order outcome."),
        };
    }
}
