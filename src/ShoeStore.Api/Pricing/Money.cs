using System.Globalization;
using System.Text.Json.Serialization;

namespace ShoeStore.Api.Pricing;

/// <summary>
/// An amount in a currency, written in JSON as <c>{"currency":"USD","value":"140.00"}</c> — the shape of
/// <c>max_amount</c> in a <c>shoe_purchase</c> approval (value a decimal string, currency ISO 4217).
/// </summary>
internal readonly record struct Money(
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonIgnore] decimal Amount)
{
    /// <summary>The amount as a decimal string with two digits after the point.</summary>
    [JsonPropertyName("value")]
    public string Value => Amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Rounds to cents, halves away from zero.</summary>
    public static decimal RoundToCents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
