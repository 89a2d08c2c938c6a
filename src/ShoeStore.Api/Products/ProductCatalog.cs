using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Products;

/// <summary>The catalog search behind GET /products and the MCP tool <c>getProducts</c>: one query, one answer.</summary>
internal sealed class ProductCatalog(ShoeStoreDbContext db)
{
    /// <summary>Products whose text matches every term (any case), with the size in stock when one is asked for.</summary>
    public async Task<List<ProductView>> SearchAsync(CatalogQuery query, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking().Include(p => p.Sizes).AsQueryable();
        var postgreSql = db.Database.IsNpgsql();
        foreach (var term in query.Terms)
        {
            // Case-insensitive on both: SQLite's LIKE ignores ASCII case, PostgreSQL's does not (ILIKE does).
            var pattern = CatalogQuery.ContainsPattern(term);
            products = postgreSql
                ? products.Where(p => EF.Functions.ILike(
                    p.Id + " " + p.Brand + " " + p.Model + " " + p.Category + " " + p.Description, pattern, @"\"))
                : products.Where(p => EF.Functions.Like(
                    p.Id + " " + p.Brand + " " + p.Model + " " + p.Category + " " + p.Description, pattern, @"\"));
        }

        if (query.Size is { } wanted)
        {
            products = products.Where(p => p.Sizes.Any(s => s.Size == wanted && s.Stock > 0));
        }

        var found = await products.OrderBy(p => p.Brand).ThenBy(p => p.Model).ToListAsync(cancellationToken);
        return [.. found.Select(ProductView.From)];
    }
}
