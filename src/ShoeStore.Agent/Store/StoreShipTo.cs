namespace ShoeStore.Agent.Store;

/// <summary>Where a quote ships (the customer's address on file). Only city, region and country go to the model.</summary>
internal sealed record StoreShipTo(string? City, string? Region, string? Country);
