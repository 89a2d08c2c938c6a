using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Problems;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Products;

/// <summary>GET /products — the public catalog.</summary>
internal static class ProductsEndpoints
{
    public static void MapProducts(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/products", ListAsync).AllowAnonymous().WithName("getProducts");

    private static async Task<IResult> ListAsync(
        string? query, string? size, ShoeStoreDbContext db, CancellationToken cancellationToken)
    {
        var catalogQuery = CatalogQuery.Parse(query, size, out var errors);
        if (catalogQuery is null)
        {
            return StoreProblems.Validation(errors);
        }

        var products = db.Products.AsNoTracking().Include(p => p.Sizes).AsQueryable();
        var postgreSql = db.Database.IsNpgsql();
        foreach (var term in catalogQuery.Terms)
        {
            // Case-insensitive on both: SQLite's LIKE ignores ASCII case, PostgreSQL's does not (ILIKE does).
            var pattern = CatalogQuery.ContainsPattern(term);
            products = postgreSql
                ? products.Where(p => EF.Functions.ILike(
                    p.Id + " " + p.Brand + " " + p.Model + " " + p.Category + " " + p.Description, pattern, @"\"))
                : products.Where(p => EF.Functions.Like(
                    p.Id + " " + p.Brand + " " + p.Model + " " + p.Category + " " + p.Description, pattern, @"\"));
        }

        if (catalogQuery.Size is { } wanted)
        {
            products = products.Where(p => p.Sizes.Any(s => s.Size == wanted && s.Stock > 0));
        }

        var found = await products.OrderBy(p => p.Brand).ThenBy(p => p.Model).ToListAsync(cancellationToken);
        return TypedResults.Ok(found.Select(ProductView.From).ToList());
    }
}
