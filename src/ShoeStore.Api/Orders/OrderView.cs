using System.Text.Json;
using ShoeStore.Api.Pricing;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Orders;

/// <summary>An order as the API shows it, with the agent that placed it and the approval it used.</summary>
internal sealed record OrderView(
    string Id, string Status, string ProductId, string ProductName, decimal Size, int Quantity,
    Money UnitPrice, Money Discount, Money Subtotal, Money Shipping, Money Tax, Money Total,
    string Payment, string Customer, string Agent, ApprovalView Approval, string? QuoteId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OrderView From(Order order, Product product) => new(
        order.Id, order.Status.ToString().ToLowerInvariant(), order.ProductId, product.Name,
        order.Size, order.Quantity,
        new Money(order.Currency, order.UnitPrice), new Money(order.Currency, order.Discount),
        new Money(order.Currency, order.Subtotal), new Money(order.Currency, order.Shipping),
        new Money(order.Currency, order.Tax), new Money(order.Currency, order.Total),
        order.PaymentMethod, order.Subject, order.AgentClientId,
        new ApprovalView(
            order.ApprovalTokenId,
            order.AuthorizationDetails is null ? null : JsonDocument.Parse(order.AuthorizationDetails).RootElement,
            order.ApprovalMethods?.Split(' ')),
        order.QuoteId, order.CreatedAt, order.UpdatedAt);
}
