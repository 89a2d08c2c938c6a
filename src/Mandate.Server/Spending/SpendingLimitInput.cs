using System.Text.Json.Serialization;

namespace Mandate.Server.Spending;

/// <summary>The body of <c>PUT /device/api/spending-limit</c>: <c>{"amount": "100.00"}</c>, or <c>{"amount": null}</c>
/// to go back to the configured default.</summary>
internal sealed record SpendingLimitInput
{
    /// <summary>A decimal string with at most 2 decimals, in the configured currency; null for the default.</summary>
    [JsonPropertyName("amount")]
    public string? Amount { get; init; }
}
