using System.Globalization;
using System.Text.Json.Nodes;
using Mandate.Server.AuthorizationDetails;

namespace Mandate.Server.Demo;

/// <summary>
/// The shoe store's spending scope <c>payment</c>: a request for it without <c>authorization_details</c> (the
/// tutorial's own request) approves one <c>shoe_purchase</c> of any product and size, one pair, up to the person's
/// spending limit (docs/device.md, "Spending limit"). The store's transaction binding then checks the order against it.
/// </summary>
internal sealed class ShoePurchaseSpendingBound : ISpendingBound
{
    /// <inheritdoc />
    public string Scope => "payment";

    /// <inheritdoc />
    public JsonObject Create(decimal maxAmount, string currency) => new()
    {
        ["type"] = ShoePurchaseDetailType.Name,
        ["quantity"] = 1,
        ["max_amount"] = new JsonObject
        {
            ["currency"] = currency,
            ["value"] = maxAmount.ToString("0.00", CultureInfo.InvariantCulture),
        },
    };
}
