namespace ShoeStore.Api.Security;

/// <summary>The scopes the authorization server maps to this API's audience.</summary>
internal static class StoreScopes
{
    /// <summary>Read deals and prices; the agent may hold it on its own (client credentials).</summary>
    public const string Prices = "prices";

    /// <summary>Use the customer's address on file (quotes); needs the customer's approval.</summary>
    public const string Address = "address";

    /// <summary>Pay with the customer's saved card (orders); needs the customer's approval.</summary>
    public const string Payment = "payment";
}
