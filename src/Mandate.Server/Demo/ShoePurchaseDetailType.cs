using System.Text.Json;
using System.Text.RegularExpressions;
using Mandate.Server.AuthorizationDetails;

namespace Mandate.Server.Demo;

/// <summary>
/// The shoe store's RFC 9396 <c>authorization_details</c> type <c>shoe_purchase</c> (docs/architecture.md, "Contracts in
/// one place"): exactly <c>product_id</c> (string), <c>size</c> (JSON number, US size, halves allowed), <c>quantity</c>
/// (integer ≥ 1) and <c>max_amount {currency, value}</c> (ISO 4217 code, decimal string), and optionally
/// <c>product_name</c>, the product's name as the person should see it (1–100 printable characters; the store refuses an
/// order for a product of another name). Host code, registered by
/// <see cref="DemoServerServices.AddShoeStoreDemo"/>.
/// </summary>
internal sealed partial class ShoePurchaseDetailType : IAuthorizationDetailsType
{
    /// <summary>The type name.</summary>
    public const string Name = "shoe_purchase";

    private static readonly string[] Known = ["type", "product_id", "product_name", "size", "quantity", "max_amount"];

    private const int MaxNameLength = 100;

    /// <inheritdoc />
    public string Type => Name;

    /// <inheritdoc />
    public string? Validate(JsonElement detail)
    {
        if (detail.ValueKind != JsonValueKind.Object || detail.EnumerateObject().Any(p => !Known.Contains(p.Name)))
        {
            return "shoe_purchase allows only product_id, product_name, size, quantity and max_amount.";
        }

        if (detail.TryGetProperty("product_name", out var name)
            && (name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 and <= MaxNameLength } text
                || text.Any(char.IsControl) || text.Trim().Length != text.Length))
        {
            return "shoe_purchase.product_name must be the product's name: 1 to 100 characters, no control characters.";
        }

        if (!detail.TryGetProperty("product_id", out var product) || product.ValueKind != JsonValueKind.String
            || !ProductId().IsMatch(product.GetString()!))
        {
            return "shoe_purchase.product_id must be a product identifier string.";
        }

        if (!detail.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number
            || !size.TryGetDecimal(out var s) || s <= 0 || s > 25 || s * 2 != decimal.Truncate(s * 2))
        {
            return "shoe_purchase.size must be a JSON number (US size, halves allowed).";
        }

        if (!detail.TryGetProperty("quantity", out var quantity) || quantity.ValueKind != JsonValueKind.Number
            || !quantity.TryGetInt32(out var q) || q is < 1 or > 100)
        {
            return "shoe_purchase.quantity must be an integer of at least 1.";
        }

        return IsAmount(detail) ? null : "shoe_purchase.max_amount must be {currency: ISO 4217 code, value: decimal string}.";
    }

    private static bool IsAmount(JsonElement detail) =>
        detail.TryGetProperty("max_amount", out var amount) && amount.ValueKind == JsonValueKind.Object
        && amount.EnumerateObject().All(p => p.Name is "currency" or "value")
        && amount.TryGetProperty("currency", out var currency) && currency.ValueKind == JsonValueKind.String
        && Currency().IsMatch(currency.GetString()!)
        && amount.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
        && Amount().IsMatch(value.GetString()!);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\z")]
    private static partial Regex ProductId();

    [GeneratedRegex(@"^[A-Z]{3}\z")]
    private static partial Regex Currency();

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,8})(\.[0-9]{1,2})?\z")]
    private static partial Regex Amount();
}
