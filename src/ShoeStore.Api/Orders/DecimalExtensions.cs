namespace ShoeStore.Api.Orders;

/// <summary>Decimal helpers.</summary>
internal static class DecimalExtensions
{
    /// <summary>The value without trailing zeros (10.50 → 10.5), so equal values print alike.</summary>
    public static decimal Normalize(this decimal value) => value / 1.000000000000000000000000000000000m;
}
