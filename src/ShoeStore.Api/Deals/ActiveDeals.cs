using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Deals;

/// <summary>The deals active now, best first: what GET /deals and the MCP tool <c>getAvailableDeals</c> show.</summary>
internal sealed class ActiveDeals(ShoeStoreDbContext db, TimeProvider time)
{
    public async Task<List<DealView>> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deals = await db.Deals.AsNoTracking()
            .Where(d => d.StartsAt <= now && now < d.EndsAt)
            .Join(db.Products.AsNoTracking(), d => d.ProductId, p => p.Id, (d, p) => new { Deal = d, Product = p })
            .OrderByDescending(x => x.Deal.PercentOff)
            .ThenBy(x => x.Deal.Id)
            .ToListAsync(cancellationToken);
        return [.. deals.Select(x => DealView.From(x.Deal, x.Product))];
    }
}
