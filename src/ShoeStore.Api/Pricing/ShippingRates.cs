namespace ShoeStore.Api.Pricing;

/// <summary>Shipping cost by destination country.</summary>
internal static class ShippingRates
{
    /// <summary>US orders from this subtotal ship free.</summary>
    public const decimal FreeUsShippingFrom = 100.00m;

    public static decimal For(string country, decimal subtotal) => country switch
    {
        "US" => subtotal >= FreeUsShippingFrom ? 0.00m : 7.95m,
        "CA" => 14.95m,
        _ => 29.95m,
    };
}
