using Microsoft.EntityFrameworkCore;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Orders;

/// <summary>A customer's orders, newest first (at most 100): what GET /orders and the MCP tool <c>getOrders</c> show.</summary>
internal sealed class OrderHistory(ShoeStoreDbContext db)
{
    public const int MaxOrders = 100;

    public async Task<List<OrderView>> ListAsync(string subject, CancellationToken cancellationToken)
    {
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.Subject == subject)
            .OrderByDescending(o => o.CreatedAt)
            .Take(MaxOrders)
            .Join(db.Products.AsNoTracking(), o => o.ProductId, p => p.Id, (o, p) => new { Order = o, Product = p })
            .ToListAsync(cancellationToken);
        return [.. orders.Select(x => OrderView.From(x.Order, x.Product))];
    }
}
