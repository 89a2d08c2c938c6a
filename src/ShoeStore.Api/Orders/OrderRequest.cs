using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ShoeStore.Api.Quotes;

namespace ShoeStore.Api.Orders;

/// <summary>The body of POST /orders: <c>{ quoteId }</c>, or <c>{ productId, size, quantity }</c>.</summary>
internal sealed record OrderRequest(string? QuoteId, string? ProductId, decimal? Size, int? Quantity)
{
    public bool IsFromQuote => QuoteId is not null;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (QuoteId is not null)
        {
            if (ProductId is not null || Size is not null || Quantity is not null)
            {
                errors["quoteId"] = ["Send either quoteId, or productId, size and quantity, not both."];
            }
            else if (QuoteId.Length is 0 or > 64)
            {
                errors["quoteId"] = ["Use the id of a quote from POST /quotes."];
            }

            return errors;
        }

        PurchaseItem.Validate(ProductId, Size, Quantity, errors);
        return errors;
    }

    /// <summary>
    /// SHA-256 of the request's meaning (not its bytes), so a retry that re-serializes the same body differently
    /// still counts as the same request under its <c>Idempotency-Key</c>.
    /// </summary>
    public string Fingerprint()
    {
        var canonical = IsFromQuote
            ? $"quote|{QuoteId}"
            : string.Create(CultureInfo.InvariantCulture, $"item|{ProductId}|{Size!.Value.Normalize()}|{Quantity}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
