using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Pricing;

/// <summary>Looks up a product, its stock and the deals active now, and prices a purchase to the customer's address.</summary>
internal sealed class PurchasePricer(ShoeStoreDbContext db, TimeProvider time)
{
    public async Task<PricingOutcome> PriceAsync(
        string productId, decimal size, int quantity, PostalAddress shipTo, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Sizes)
            .FirstOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is null)
        {
            return new PricingOutcome.ProductNotFound();
        }

        var stock = product.Sizes.FirstOrDefault(s => s.Size == size);
        if (stock is null)
        {
            return new PricingOutcome.SizeNotOffered([.. product.Sizes.Select(s => s.Size).Order()]);
        }

        if (stock.Stock < quantity)
        {
            return new PricingOutcome.OutOfStock(stock.Stock);
        }

        var now = time.GetUtcNow();
        var deal = await db.Deals.AsNoTracking()
            .Where(d => d.ProductId == productId && d.StartsAt <= now && now < d.EndsAt)
            .OrderByDescending(d => d.PercentOff)
            .FirstOrDefaultAsync(cancellationToken);
        var price = PriceCalculator.Price(
            product.Price, product.Currency, quantity, deal?.PercentOff ?? 0, shipTo.Country, shipTo.Region);
        return new PricingOutcome.Priced(product, price, deal);
    }
}
