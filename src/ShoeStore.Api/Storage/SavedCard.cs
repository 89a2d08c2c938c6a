namespace ShoeStore.Api.Storage;

/// <summary>A saved payment card. The store never holds the card number: only the brand and the last four digits.</summary>
internal sealed class SavedCard
{
    public required string Brand { get; set; }

    public required string Last4 { get; set; }

    public int ExpiryMonth { get; set; }

    public int ExpiryYear { get; set; }

    /// <summary>The only form in which a card is shown, e.g. "Visa •••• 4242".</summary>
    public string Masked => $"{Brand} •••• {Last4}";
}
