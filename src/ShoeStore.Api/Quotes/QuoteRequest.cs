namespace ShoeStore.Api.Quotes;

/// <summary>The body of POST /quotes.</summary>
internal sealed record QuoteRequest(string? ProductId, decimal? Size, int? Quantity)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        PurchaseItem.Validate(ProductId, Size, Quantity, errors);
        return errors;
    }
}
