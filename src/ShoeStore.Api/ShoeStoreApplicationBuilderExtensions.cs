using ShoeStore.Api.Deals;
using ShoeStore.Api.Mcp;
using ShoeStore.Api.Orders;
using ShoeStore.Api.Products;
using ShoeStore.Api.Quotes;
using ShoeStore.Api.Security;
using ShoeStore.Api.Storage;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the shoe store's middleware and endpoints.</summary>
public static class ShoeStoreApplicationBuilderExtensions
{
    /// <summary>
    /// Problems for every error, the RFC 6750 transport check, authentication, authorization, then
    /// /products, /deals, /quotes, /orders, and the MCP server at /mcp with its metadata (docs/mcp.md).
    /// </summary>
    public static WebApplication UseShoeStoreApi(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A malformed request that the server itself rejects keeps its 4xx; a database that is briefly away
            // (restart, dropped connection) is 503 with Retry-After; only real faults are 500.
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when TransientDatabaseFault.Is(exception) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseMiddleware<TokenTransportGuard>();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapProducts();
        app.MapDeals();
        app.MapQuotes();
        app.MapOrders();
        app.MapStoreMcp();
        return app;
    }
}
