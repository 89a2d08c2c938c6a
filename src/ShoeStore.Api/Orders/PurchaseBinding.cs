using System.Globalization;
using System.Text.Json;
using ShoeStore.Api.Pricing;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Orders;

/// <summary>
/// Transaction binding (RFC 9396): when the access token carries <c>authorization_details</c>, the order must
/// be one the customer approved — same <c>product_id</c> and <c>size</c> (any, in an approval bounded by the
/// customer's spending limit, which names neither), the same <c>product_name</c> when the approval shows one,
/// quantity at most the approved one, total (shipping and tax included) at most <c>max_amount</c> in the same currency.
/// </summary>
internal static class PurchaseBinding
{
    /// <summary>Checks an order against the token's <c>authorization_details</c> (a JSON array, or null).</summary>
    public static BindingResult Check(JsonElement? authorizationDetails, Product product, decimal size, int quantity, Money total)
    {
        if (authorizationDetails is not { ValueKind: JsonValueKind.Array } details || details.GetArrayLength() == 0)
        {
            return BindingResult.NotBound;
        }

        string? firstMismatch = null;
        var purchases = 0;
        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind != JsonValueKind.Object ||
                !detail.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return BindingResult.Refused("The approval's authorization_details are malformed");
            }

            if (type.GetString() != ShoePurchaseDetail.Type)
            {
                continue;
            }

            purchases++;
            var approved = ShoePurchaseDetail.Read(detail);
            if (approved is null)
            {
                return BindingResult.Refused("The approval's shoe_purchase details are malformed");
            }

            var mismatch = Mismatch(approved, product, size, quantity, total);
            if (mismatch is null)
            {
                return BindingResult.Matches(approved);
            }

            firstMismatch ??= mismatch;
        }

        return BindingResult.Refused(purchases == 0
            ? "The approval carries authorization_details but none of type shoe_purchase, so it approves no purchase"
            : firstMismatch!);
    }

    private static string? Mismatch(ShoePurchaseDetail approved, Product product, decimal size, int quantity, Money total)
    {
        if (approved.ProductId is not null && !string.Equals(approved.ProductId, product.Id, StringComparison.Ordinal))
        {
            return $"The customer approved product_id {approved.ProductId}, not {product.Id}";
        }

        if (approved.ProductName is not null && !string.Equals(approved.ProductName, product.Name, StringComparison.Ordinal))
        {
            return $"The customer approved a product named {approved.ProductName}, but {product.Id} is {product.Name}";
        }

        if (approved.Size is { } approvedSize && approvedSize != size)
        {
            return $"The customer approved size {Format(approvedSize)}, not {Format(size)}";
        }

        if (quantity > approved.Quantity)
        {
            return $"The customer approved at most {approved.Quantity} pair(s), not {quantity}";
        }

        if (!string.Equals(approved.Currency, total.Currency, StringComparison.Ordinal))
        {
            return $"The customer approved an amount in {approved.Currency}, but the order is in {total.Currency}";
        }

        if (total.Amount > approved.MaxAmount)
        {
            return $"The order total {total.Value} {total.Currency} is above the approved max_amount {Format(approved.MaxAmount)} {approved.Currency}";
        }

        return null;
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
