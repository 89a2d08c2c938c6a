using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ShoeStore.Api.Orders;

/// <summary>
/// One RFC 9396 authorization detail of type <c>shoe_purchase</c>: what the customer approved.
/// <c>{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}</c>
/// </summary>
internal sealed partial record ShoePurchaseDetail(string ProductId, decimal Size, int Quantity, string Currency, decimal MaxAmount)
{
    /// <summary>The RFC 9396 §2 <c>type</c> value.</summary>
    public const string Type = "shoe_purchase";

    /// <summary>
    /// Reads a detail already known to be of type <c>shoe_purchase</c>. Every field is required and strictly
    /// typed: <c>product_id</c> string, <c>size</c> number, <c>quantity</c> integer ≥ 1, <c>max_amount.value</c>
    /// a decimal string, <c>max_amount.currency</c> an ISO 4217 code. Returns null when any is off.
    /// </summary>
    public static ShoePurchaseDetail? Read(JsonElement detail)
    {
        if (!detail.TryGetProperty("product_id", out var productId) || productId.ValueKind != JsonValueKind.String ||
            !detail.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetDecimal(out var sizeValue) ||
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

        return new ShoePurchaseDetail(productId.GetString()!, sizeValue, quantityValue, currency.GetString()!, amount);
    }

    // Anchored patterns without nested quantifiers run in linear time: no match timeout, which on a busy machine
    // only ever turns a valid request into a 500.
    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[0-9]{1,12}(\\.[0-9]{1,6})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPattern();
}
