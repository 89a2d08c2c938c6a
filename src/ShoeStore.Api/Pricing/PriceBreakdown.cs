namespace ShoeStore.Api.Pricing;

/// <summary>What a purchase costs, every amount rounded to cents in <see cref="Currency"/>.</summary>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="UnitPrice">List price of one pair.</param>
/// <param name="Discount">Deal discount on one pair.</param>
/// <param name="Subtotal">(unit price − discount) × quantity.</param>
/// <param name="Shipping">Shipping to the address.</param>
/// <param name="Tax">Sales tax on the subtotal.</param>
/// <param name="Total">Subtotal + shipping + tax: what the card is charged.</param>
internal sealed record PriceBreakdown(
    string Currency, decimal UnitPrice, decimal Discount, decimal Subtotal, decimal Shipping, decimal Tax, decimal Total);
