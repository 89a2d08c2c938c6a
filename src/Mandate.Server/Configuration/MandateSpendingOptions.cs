namespace Mandate.Server.Configuration;

/// <summary>
/// Spending limits (section <c>Mandate:Spending</c>, docs/device.md "Spending limit"). A request for a scope that
/// spends the person's money (registered with <c>AddMandateSpendingBound</c>) that carries no RFC 9396
/// <c>authorization_details</c> is given one entry: one purchase of at most the person's limit. The person sets their
/// limit on the device; <see cref="DefaultLimit"/> applies until they do.
/// </summary>
public sealed class MandateSpendingOptions
{
    /// <summary>The limit of a person who has not set one. Default 250.</summary>
    public decimal DefaultLimit { get; set; } = 250m;

    /// <summary>The ISO 4217 code of every limit. Default <c>USD</c>.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>The highest limit a person can set on the device. Default 10,000.</summary>
    public decimal MaxLimit { get; set; } = 10_000m;
}
