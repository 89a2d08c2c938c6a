using System.Globalization;
using ModelContextProtocol.Protocol;
using ShoeStore.Api.Products;

namespace ShoeStore.Api.Mcp.Tools;

/// <summary><c>getProducts</c>: the catalog search of GET /products. Any valid token for the MCP resource will do.</summary>
internal sealed class GetProductsTool() : StoreTool(
    "getProducts",
    "Searches the shoe catalog. Words in query must all match brand, model, category (running, trail, walking, " +
    "casual, formal, kids) or description; size keeps products with that US size in stock. Returns the products " +
    "with list price and stock per size, as GET /products does.",
    """
    {
      "type": "object",
      "properties": {
        "query": { "type": "string", "maxLength": 100, "description": "Search words, e.g. \"running nike\". Empty lists everything." },
        "size": { "type": "number", "minimum": 1, "maximum": 20, "multipleOf": 0.5, "description": "A US size that must be in stock, e.g. 10.5." }
      },
      "additionalProperties": false
    }
    """,
    access: null,
    readOnly: true)
{
    protected override async Task<CallToolResult> CallAsync(StoreToolCall call, CancellationToken cancellationToken)
    {
        var query = call.Arguments.String("query");
        var size = call.Arguments.Decimal("size");
        call.Arguments.RejectOthers("query", "size");
        var catalogQuery = CatalogQuery.Parse(query, size?.ToString(CultureInfo.InvariantCulture), out var errors);
        foreach (var (field, messages) in call.Arguments.Errors)
        {
            errors[field] = messages;
        }

        if (catalogQuery is null || errors.Count > 0)
        {
            return StoreToolResults.Invalid(errors);
        }

        var products = await call.Services.GetRequiredService<ProductCatalog>().SearchAsync(catalogQuery, cancellationToken);
        return StoreToolResults.List("products", products, call.Services);
    }
}
