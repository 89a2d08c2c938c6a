using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mandate.Server.Configuration;
using Mandate.Server.Protocol;

namespace Mandate.Server.Ciba;

/// <summary>
/// Validates RFC 9396 <c>authorization_details</c> against the registered types. The only registered type is
/// <c>shoe_purchase</c>: <c>product_id</c> (string), <c>size</c> (JSON number, US size, halves allowed),
/// <c>quantity</c> (integer ≥ 1), <c>max_amount {currency, value}</c> (ISO 4217 code, decimal string).
/// Anything else is refused with <c>invalid_authorization_details</c> (RFC 9396 §5).
/// </summary>
public static partial class AuthorizationDetailsValidator
{
    /// <summary>Registered types, as advertised in <c>authorization_details_types_supported</c>.</summary>
    public static readonly IReadOnlyList<string> SupportedTypes = [MandateEndpoints.ShoePurchaseType];

    private const int MaxEntries = 10;

    /// <summary>Validates a JSON value (an array of objects) and returns its normalized JSON text.</summary>
    public static Result<string> Validate(JsonElement details)
    {
        if (details.ValueKind != JsonValueKind.Array)
        {
            return Invalid("authorization_details must be a JSON array.");
        }

        var count = details.GetArrayLength();
        if (count is 0 or > MaxEntries)
        {
            return Invalid("authorization_details must hold between 1 and 10 entries.");
        }

        foreach (var entry in details.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return Invalid("Each authorization_details entry must be an object with a string type.");
            }

            var error = type.GetString() switch
            {
                MandateEndpoints.ShoePurchaseType => ValidateShoePurchase(entry),
                _ => "The authorization_details type is not supported.",
            };
            if (error is not null)
            {
                return Invalid(error);
            }
        }

        return JsonNode.Parse(details.GetRawText())!.ToJsonString();
    }

    /// <summary>Parses and validates JSON text (the form-parameter form).</summary>
    public static Result<string> Validate(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            return Validate(document.RootElement);
        }
        catch (JsonException)
        {
            return Invalid("authorization_details is not valid JSON.");
        }
    }

    private static string? ValidateShoePurchase(JsonElement entry)
    {
        string[] known = ["type", "product_id", "size", "quantity", "max_amount"];
        if (entry.EnumerateObject().Any(p => !known.Contains(p.Name)))
        {
            return "shoe_purchase allows only product_id, size, quantity and max_amount.";
        }

        if (!entry.TryGetProperty("product_id", out var product) || product.ValueKind != JsonValueKind.String
            || !ProductId().IsMatch(product.GetString()!))
        {
            return "shoe_purchase.product_id must be a product identifier string.";
        }

        if (!entry.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number
            || !size.TryGetDecimal(out var s) || s <= 0 || s > 25 || s * 2 != decimal.Truncate(s * 2))
        {
            return "shoe_purchase.size must be a JSON number (US size, halves allowed).";
        }

        if (!entry.TryGetProperty("quantity", out var quantity) || quantity.ValueKind != JsonValueKind.Number
            || !quantity.TryGetInt32(out var q) || q < 1 || q > 100)
        {
            return "shoe_purchase.quantity must be an integer of at least 1.";
        }

        if (!entry.TryGetProperty("max_amount", out var amount) || amount.ValueKind != JsonValueKind.Object
            || amount.EnumerateObject().Any(p => p.Name is not ("currency" or "value"))
            || !amount.TryGetProperty("currency", out var currency) || currency.ValueKind != JsonValueKind.String
            || !Currency().IsMatch(currency.GetString()!)
            || !amount.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String
            || !Amount().IsMatch(value.GetString()!))
        {
            return "shoe_purchase.max_amount must be {currency: ISO 4217 code, value: decimal string}.";
        }

        return null;
    }

    private static OAuthError Invalid(string description) => OAuthError.InvalidAuthorizationDetails(description);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\z")]
    private static partial Regex ProductId();

    [GeneratedRegex(@"^[A-Z]{3}\z")]
    private static partial Regex Currency();

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,8})(\.[0-9]{1,2})?\z")]
    private static partial Regex Amount();
}
