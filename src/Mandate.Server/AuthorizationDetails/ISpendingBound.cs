using System.Text.Json.Nodes;

namespace Mandate.Server.AuthorizationDetails;

/// <summary>
/// A scope that spends the person's money, and the RFC 9396 <c>authorization_details</c> entry that bounds a request
/// for it. A CIBA request for <see cref="Scope"/> without <c>authorization_details</c> is given the entry
/// <see cref="Create"/> returns for the person's spending limit, so every token for the scope approves at most one
/// purchase up to that amount and the resource server's transaction binding applies to it (docs/device.md,
/// "Spending limit"). Registered with <c>AddMandateSpendingBound</c>.
/// </summary>
public interface ISpendingBound
{
    /// <summary>The scope that spends money, e.g. <c>payment</c>.</summary>
    string Scope { get; }

    /// <summary>One <c>authorization_details</c> entry (RFC 9396 §2, with its <c>type</c>) that allows one purchase of
    /// at most <paramref name="maxAmount"/> in <paramref name="currency"/> (ISO 4217).</summary>
    JsonObject Create(decimal maxAmount, string currency);
}
