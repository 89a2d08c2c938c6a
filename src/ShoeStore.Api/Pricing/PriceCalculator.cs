namespace ShoeStore.Api.Pricing;

/// <summary>
/// Prices a purchase: the best deal active at the time, then shipping and sales tax for the address.
/// Plain code: no database, no clock of its own.
/// </summary>
internal static class PriceCalculator
{
    /// <summary>Prices <paramref name="quantity"/> pairs at <paramref name="listPrice"/> each.</summary>
    /// <param name="listPrice">List price of one pair.</param>
    /// <param name="currency">ISO 4217 code of the list price.</param>
    /// <param name="quantity">Pairs, at least 1.</param>
    /// <param name="dealPercentOff">The deal's percent off (0 when no deal applies).</param>
    /// <param name="country">Destination country (ISO 3166-1 alpha-2).</param>
    /// <param name="region">Destination state or province code.</param>
    public static PriceBreakdown Price(
        decimal listPrice, string currency, int quantity, int dealPercentOff, string country, string region)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(listPrice);
        ArgumentOutOfRangeException.ThrowIfNegative(dealPercentOff);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dealPercentOff, 90);

        var discount = Money.RoundToCents(listPrice * dealPercentOff / 100m);
        var subtotal = (listPrice - discount) * quantity;
        var shipping = ShippingRates.For(country, subtotal);
        var tax = Money.RoundToCents(subtotal * SalesTaxRates.PercentFor(country, region) / 100m);
        return new PriceBreakdown(currency, listPrice, discount, subtotal, shipping, tax, subtotal + shipping + tax);
    }
}
