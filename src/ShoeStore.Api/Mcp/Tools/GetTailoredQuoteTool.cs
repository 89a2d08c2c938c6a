using ModelContextProtocol.Protocol;
using ShoeStore.Api.Quotes;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary><c>getTailoredQuote</c>: POST /quotes. Scope <c>address</c>, in a token for the customer (CIBA).</summary>
internal sealed class GetTailoredQuoteTool() : StoreTool(
    "getTailoredQuote",
    "Prices a purchase shipped to the customer's address on file (deal, shipping and tax included) and holds the " +
    "price for 15 minutes, as POST /quotes does. Returns the quote; its id is the quoteId for purchaseItem. " +
    "Needs the 'address' scope in a token the customer approved (CIBA).",
    """
    {
      "type": "object",
      "properties": {
        "productId": { "type": "string", "maxLength": 64, "description": "The product id from getProducts or getAvailableDeals, e.g. nike-pegasus-41." },
        "size": { "type": "number", "minimum": 1, "maximum": 20, "multipleOf": 0.5, "description": "The US size, e.g. 10.5." },
        "quantity": { "type": "integer", "minimum": 1, "maximum": 10, "default": 1, "description": "How many pairs (1 to 10)." }
      },
      "required": ["productId", "size"],
      "additionalProperties": false
    }
    """,
    new StoreAccessRule(StoreScopes.Address, RequiresUser: true),
    readOnly: false)
{
    protected override async Task<CallToolResult> CallAsync(StoreToolCall call, CancellationToken cancellationToken)
    {
        var arguments = call.Arguments;
        var request = new QuoteRequest(arguments.String("productId"), arguments.Decimal("size"), arguments.Integer("quantity") ?? 1);
        arguments.RejectOthers("productId", "size", "quantity");
        var errors = request.Validate();
        foreach (var (field, messages) in arguments.Errors)
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return StoreToolResults.Invalid(errors);
        }

        return await call.Services.GetRequiredService<QuoteService>().CreateAsync(call.Token.Subject, request, cancellationToken) switch
        {
            QuoteOutcome.Created created => StoreToolResults.Object(created.Quote, call.Services),
            QuoteOutcome.CustomerNotFound => StoreToolProblems.CustomerNotFound(),
            QuoteOutcome.NotPriced notPriced => StoreToolProblems.NotPriced(notPriced.Reason, notPriced.ProductId, notPriced.Size),
            _ => throw new InvalidOperationException("Unhandled quote outcome."),
        };
    }
}
