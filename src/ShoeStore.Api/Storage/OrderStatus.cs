namespace ShoeStore.Api.Storage;

/// <summary>Where an order is in its life.</summary>
internal enum OrderStatus
{
    /// <summary>Paid and stock reserved.</summary>
    Confirmed,

    /// <summary>Handed to the carrier.</summary>
    Shipped,

    /// <summary>Cancelled; the stock went back.</summary>
    Cancelled,
}
