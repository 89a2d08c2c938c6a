using System.Text.Json.Serialization;
using ShoeStore.Agent.Store;

namespace ShoeStore.Agent.Tools.Results;

/// <summary>
/// The RFC 9396 authorization detail of a purchase (type <c>shoe_purchase</c>): what the customer approves.
/// <c>{"type":"shoe_purchase","product_id":"nike-pegasus-41","product_name":"Nike Pegasus 41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}</c>.
/// The device shows <c>product_name</c> beside the id, and the store refuses an order for a product of another name.
/// </summary>
internal sealed record ShoePurchaseDetail(
    [property: JsonPropertyName("product_id")] string ProductId,
    [property: JsonPropertyName("product_name")] string ProductName,
    [property: JsonPropertyName("size")] decimal Size,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("max_amount")] StoreMoney MaxAmount)
{
    /// <summary>The RFC 9396 §2 <c>type</c>.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => "shoe_purchase";
}
