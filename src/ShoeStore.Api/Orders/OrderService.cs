using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using ShoeStore.Api.Diagnostics;
using ShoeStore.Api.Pricing;
using ShoeStore.Api.Security;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Orders;

/// <summary>
/// Places an order. The guarantees come from the database, not from read-then-write checks: one record per
/// (customer, Idempotency-Key) and one order per approval (token <c>jti</c>) are unique indexes, and stock
/// is taken with a conditional UPDATE that cannot go below zero. All three happen in one transaction.
/// </summary>
internal sealed class OrderService(
    ShoeStoreDbContext db, PurchasePricer pricer, TimeProvider time, IOptions<JsonOptions> jsonOptions, ILogger<OrderService> logger)
{
    public async Task<OrderOutcome> PlaceAsync(
        AccessTokenClaims token, OrderRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var activity = ShoeStoreTelemetry.Source.StartActivity("shoestore.order");
        activity?.SetTag("oauth.client_id", token.AgentClientId);
        activity?.SetTag("shoestore.product_id", request.ProductId);
        activity?.SetTag("shoestore.quantity", request.Quantity);
        var outcome = await PlaceOnceAsync(token, request, idempotencyKey, cancellationToken);
        activity?.SetTag("shoestore.outcome", outcome.GetType().Name);
        switch (outcome)
        {
            case OrderOutcome.Placed placed:
                activity?.SetTag("shoestore.order_id", placed.Order.Id);
                break;
            case OrderOutcome.Replayed:
                break;
            default:
                activity?.SetStatus(ActivityStatusCode.Error, outcome.GetType().Name);
                break;
        }

        return outcome;
    }

    private async Task<OrderOutcome> PlaceOnceAsync(
        AccessTokenClaims token, OrderRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var fingerprint = request.Fingerprint();
        if (idempotencyKey is not null && await ReplayAsync(token.Subject, idempotencyKey, fingerprint, cancellationToken) is { } replay)
        {
            return replay;
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Subject == token.Subject, cancellationToken);
        if (customer is null)
        {
            return new OrderOutcome.CustomerNotFound();
        }

        var purchase = await ResolveAsync(token.Subject, request, customer, cancellationToken);
        if (purchase.Refusal is not null)
        {
            return purchase.Refusal;
        }

        var (product, order) = (purchase.Product!, purchase.Order!);
        var binding = PurchaseBinding.Check(token.AuthorizationDetails, product, order.Size, order.Quantity, new Money(order.Currency, order.Total));
        if (!binding.IsAllowed)
        {
            OrderLog.ApprovalMismatch(logger, token.AgentClientId);
            return new OrderOutcome.ApprovalMismatch(binding.Reason!);
        }

        var now = time.GetUtcNow();
        var placed = new Order
        {
            Id = StoreIds.New("ord"),
            Status = OrderStatus.Confirmed,
            Subject = token.Subject,
            AgentClientId = token.AgentClientId,
            ProductId = order.ProductId,
            Size = order.Size,
            Quantity = order.Quantity,
            Currency = order.Currency,
            UnitPrice = order.UnitPrice,
            Discount = order.Discount,
            Subtotal = order.Subtotal,
            Shipping = order.Shipping,
            Tax = order.Tax,
            Total = order.Total,
            QuoteId = order.QuoteId,
            PaymentMethod = customer.Card.Masked,
            ApprovalTokenId = token.TokenId,
            AuthorizationDetails = token.AuthorizationDetails?.GetRawText(),
            ApprovalMethods = token.AuthenticationMethods.Count > 0 ? string.Join(' ', token.AuthenticationMethods) : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return await CommitAsync(token, idempotencyKey, fingerprint, placed, product, cancellationToken);
    }

    private async Task<OrderOutcome> CommitAsync(
        AccessTokenClaims token, string? idempotencyKey, string fingerprint, Order order, Product product, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdempotencyRecord? record = null;
        if (idempotencyKey is not null)
        {
            record = new IdempotencyRecord
            {
                Subject = token.Subject, Key = idempotencyKey, RequestHash = fingerprint, CreatedAt = order.CreatedAt,
            };
            db.IdempotencyRecords.Add(record);
            if (!await TrySaveAsync(cancellationToken))
            {
                // A concurrent twin won: answer with its result.
                await RollBackAsync(transaction);
                return await ReplayAsync(token.Subject, idempotencyKey, fingerprint, cancellationToken) ?? new OrderOutcome.KeyInProgress();
            }
        }

        var taken = await db.ProductSizes
            .Where(s => s.ProductId == order.ProductId && s.Size == order.Size && s.Stock >= order.Quantity)
            .ExecuteUpdateAsync(update => update.SetProperty(s => s.Stock, s => s.Stock - order.Quantity), cancellationToken);
        if (taken == 0)
        {
            await RollBackAsync(transaction);
            var available = await db.ProductSizes.Where(s => s.ProductId == order.ProductId && s.Size == order.Size)
                .Select(s => s.Stock).FirstOrDefaultAsync(cancellationToken);
            OrderLog.SoldOut(logger, order.ProductId, order.Size);
            return new OrderOutcome.SoldOut(order.ProductId, order.Size, available);
        }

        db.Orders.Add(order);
        if (!await TrySaveAsync(cancellationToken))
        {
            await RollBackAsync(transaction);
            OrderLog.ApprovalAlreadyUsed(logger, token.AgentClientId);
            return new OrderOutcome.ApprovalAlreadyUsed();
        }

        var view = OrderView.From(order, product);
        if (record is not null)
        {
            record.StatusCode = StatusCodes.Status201Created;
            record.ResponseBody = JsonSerializer.Serialize(view, jsonOptions.Value.SerializerOptions);
            record.OrderId = order.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        OrderLog.OrderPlaced(logger, order.Id, order.AgentClientId, order.Quantity, order.ProductId);
        return new OrderOutcome.Placed(view);
    }

    private async Task<OrderOutcome?> ReplayAsync(string subject, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var existing = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Subject == subject && r.Key == key, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        if (!string.Equals(existing.RequestHash, fingerprint, StringComparison.Ordinal))
        {
            return new OrderOutcome.KeyReused();
        }

        if (existing.ResponseBody is null)
        {
            return new OrderOutcome.KeyInProgress();
        }

        OrderLog.IdempotentReplay(logger);
        return new OrderOutcome.Replayed(existing.StatusCode, existing.ResponseBody, existing.OrderId);
    }

    private async Task<ResolvedPurchase> ResolveAsync(string subject, OrderRequest request, Customer customer, CancellationToken cancellationToken)
    {
        if (request.IsFromQuote)
        {
            var quote = await db.Quotes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == request.QuoteId && q.Subject == subject, cancellationToken);
            if (quote is null)
            {
                return ResolvedPurchase.Refused(new OrderOutcome.QuoteNotFound());
            }

            if (time.GetUtcNow() >= quote.ExpiresAt)
            {
                return ResolvedPurchase.Refused(new OrderOutcome.QuoteExpired(quote.ExpiresAt));
            }

            var quoted = await db.Products.AsNoTracking().FirstAsync(p => p.Id == quote.ProductId, cancellationToken);
            return new ResolvedPurchase(quoted, new PricedItem(
                quote.ProductId, quote.Size, quote.Quantity, quote.Currency, quote.UnitPrice, quote.Discount,
                quote.Subtotal, quote.Shipping, quote.Tax, quote.Total, quote.Id), null);
        }

        var outcome = await pricer.PriceAsync(request.ProductId!, request.Size!.Value, request.Quantity!.Value, customer.ShippingAddress, cancellationToken);
        if (outcome is not PricingOutcome.Priced priced)
        {
            return ResolvedPurchase.Refused(new OrderOutcome.NotPriced(outcome, request.ProductId!, request.Size.Value));
        }

        var price = priced.Price;
        return new ResolvedPurchase(priced.Product, new PricedItem(
            priced.Product.Id, request.Size.Value, request.Quantity.Value, price.Currency, price.UnitPrice, price.Discount,
            price.Subtotal, price.Shipping, price.Tax, price.Total, null), null);
    }

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return false;
        }
    }

    private async Task RollBackAsync(IDbContextTransaction transaction)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    private sealed record PricedItem(
        string ProductId, decimal Size, int Quantity, string Currency, decimal UnitPrice, decimal Discount,
        decimal Subtotal, decimal Shipping, decimal Tax, decimal Total, string? QuoteId);

    private sealed record ResolvedPurchase(Product? Product, PricedItem? Order, OrderOutcome? Refusal)
    {
        public static ResolvedPurchase Refused(OrderOutcome refusal) => new(null, null, refusal);
    }
}
