using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ShoeStore.Api.Orders;

/// <summary>
/// One RFC 9396 authorization detail of type <c>shoe_purchase</c>: what the customer approved.
/// <c>{"type":"shoe_purchase","product_id":"nike-pegasus-41","product_name":"Nike Pegasus 41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}</c>.
/// An approval bounded by the customer's spending limit names no product and no size (any of them, one pair, up to
/// the amount; docs/device.md "Spending limit"); <c>product_name</c> is optional.
/// </summary>
internal sealed partial record ShoePurchaseDetail(string? ProductId, string? ProductName, decimal? Size, int Quantity, string Currency, decimal MaxAmount)
{
    /// <summary>The RFC 9396 §2 <c>type</c> value.</summary>
    public const string Type = "shoe_purchase";

    /// <summary>
    /// Reads a detail already known to be of type <c>shoe_purchase</c>, strictly typed: <c>product_id</c> string
    /// and <c>size</c> number (both, or neither), <c>product_name</c> string if present, <c>quantity</c> integer ≥ 1,
    /// <c>max_amount.value</c> a decimal string, <c>max_amount.currency</c> an ISO 4217 code. Returns null when any
    /// is off.
    /// </summary>
    public static ShoePurchaseDetail? Read(JsonElement detail)
    {
        var hasProduct = detail.TryGetProperty("product_id", out var productId);
        var hasSize = detail.TryGetProperty("size", out var size);
        decimal sizeValue = 0;
        var hasName = detail.TryGetProperty("product_name", out var productName);
        if (hasProduct != hasSize ||
            (hasProduct && (productId.ValueKind != JsonValueKind.String || size.ValueKind != JsonValueKind.Number || !size.TryGetDecimal(out sizeValue))) ||
            (hasName && productName.ValueKind != JsonValueKind.String) ||
            !detail.TryGetProperty("quantity", out var quantity) || quantity.ValueKind != JsonValueKind.Number ||
            !quantity.TryGetInt32(out var quantityValue) || quantityValue < 1 ||
            !detail.TryGetProperty("max_amount", out var maxAmount) || maxAmount.ValueKind != JsonValueKind.Object ||
            !maxAmount.TryGetProperty("currency", out var currency) || currency.ValueKind != JsonValueKind.String ||
            !CurrencyPattern().IsMatch(currency.GetString()!) ||
            !maxAmount.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String ||
            !DecimalPattern().IsMatch(value.GetString()!) ||
            !decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return new ShoePurchaseDetail(
            hasProduct ? productId.GetString() : null, hasName ? productName.GetString() : null, hasProduct ? sizeValue : null,
            quantityValue, currency.GetString()!, amount);
    }

    // Anchored patterns without nested quantifiers run in linear time: no match timeout, which on a busy machine
    // only ever turns a valid request into a 500.
    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[0-9]{1,12}(\\.[0-9]{1,6})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPattern();
}
