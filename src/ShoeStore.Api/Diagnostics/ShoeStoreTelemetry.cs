using System.Diagnostics;

namespace ShoeStore.Api.Diagnostics;

/// <summary>
/// The store's traces: an <see cref="ActivitySource"/> named <see cref="ActivitySourceName"/> with a span per order
/// (<c>shoestore.order</c>, over REST or MCP), a child of the request that carries the agent's W3C trace. Attributes:
/// the agent's client id, the product, the quantity, the outcome and the order id; never the customer, the address,
/// the card or the token (docs/observability.md).
/// </summary>
internal static class ShoeStoreTelemetry
{
    /// <summary>The name to listen to, e.g. OpenTelemetry's <c>AddSource("ShoeStore.Api")</c>.</summary>
    public const string ActivitySourceName = "ShoeStore.Api";

    public static readonly ActivitySource Source = new(ActivitySourceName);
}
