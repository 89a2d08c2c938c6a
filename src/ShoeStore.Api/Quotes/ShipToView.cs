using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Quotes;

/// <summary>Where a quote ships: the customer's address on file.</summary>
internal sealed record ShipToView(string Name, string Line1, string? Line2, string City, string Region, string PostalCode, string Country)
{
    public static ShipToView From(Customer customer)
    {
        var address = customer.ShippingAddress;
        return new ShipToView(customer.Name, address.Line1, address.Line2, address.City, address.Region, address.PostalCode, address.Country);
    }
}
