using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Security;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Deals;

/// <summary>GET /deals — the deals active now; scope <c>prices</c>.</summary>
internal static class DealsEndpoints
{
    public static void MapDeals(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/deals", ListAsync).RequireAuthorization(StorePolicies.ReadDeals).WithName("getAvailableDeals");

    private static async Task<IResult> ListAsync(ShoeStoreDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deals = await db.Deals.AsNoTracking()
            .Where(d => d.StartsAt <= now && now < d.EndsAt)
            .Join(db.Products.AsNoTracking(), d => d.ProductId, p => p.Id, (d, p) => new { Deal = d, Product = p })
            .OrderByDescending(x => x.Deal.PercentOff)
            .ThenBy(x => x.Deal.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(deals.Select(x => DealView.From(x.Deal, x.Product)).ToList());
    }
}
