namespace ShoeStore.Api.Storage.Seed;

/// <summary>The demo customers, keyed by the subject ids the authorization server gives its demo users.</summary>
internal static class CustomerSeed
{
    /// <summary>Subject id of the demo user <c>end.user</c>.</summary>
    public const string EndUserSubject = "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17";

    /// <summary>Subject id of the demo user <c>app.owner</c>.</summary>
    public const string AppOwnerSubject = "1d4f6b8a-0c2e-4a9b-8d7f-5e3c1a9b7d20";

    public static IReadOnlyList<Customer> Customers() =>
    [
        new()
        {
            Subject = EndUserSubject,
            Name = "Sam Carter",
            ShippingAddress = new PostalAddress
            {
                Line1 = "1200 NW Naito Pkwy", Line2 = "Apt 4B", City = "Portland", Region = "OR", PostalCode = "97209", Country = "US",
            },
            Card = new SavedCard { Brand = "Visa", Last4 = "4242", ExpiryMonth = 12, ExpiryYear = 2030 },
        },
        new()
        {
            Subject = AppOwnerSubject,
            Name = "Avery Chen",
            ShippingAddress = new PostalAddress
            {
                Line1 = "500 Pine St", City = "Seattle", Region = "WA", PostalCode = "98101", Country = "US",
            },
            Card = new SavedCard { Brand = "Mastercard", Last4 = "4444", ExpiryMonth = 8, ExpiryYear = 2029 },
        },
    ];
}
