using ShoeStore.Api.Problems;

namespace ShoeStore.Api.Products;

/// <summary>GET /products — the public catalog.</summary>
internal static class ProductsEndpoints
{
    public static void MapProducts(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/products", ListAsync).AllowAnonymous().WithName("getProducts");

    private static async Task<IResult> ListAsync(
        string? query, string? size, ProductCatalog catalog, CancellationToken cancellationToken)
    {
        var catalogQuery = CatalogQuery.Parse(query, size, out var errors);
        return catalogQuery is null
            ? StoreProblems.Validation(errors)
            : TypedResults.Ok(await catalog.SearchAsync(catalogQuery, cancellationToken));
    }
}
