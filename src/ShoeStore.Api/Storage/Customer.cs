namespace ShoeStore.Api.Storage;

/// <summary>A store customer, keyed by the subject (<c>sub</c>) the authorization server gives the person.</summary>
internal sealed class Customer
{
    public required string Subject { get; init; }

    public required string Name { get; set; }

    public required PostalAddress ShippingAddress { get; set; }

    /// <summary>The saved card; only its brand and last four digits are kept.</summary>
    public required SavedCard Card { get; set; }
}
