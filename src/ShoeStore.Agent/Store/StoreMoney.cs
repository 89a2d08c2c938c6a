namespace ShoeStore.Agent.Store;

/// <summary>An amount as the store writes it: <c>{"currency":"USD","value":"140.00"}</c> (value a decimal string).</summary>
internal sealed record StoreMoney(string Currency, string Value)
{
    /// <summary>For people: <c>$140.00</c> in US dollars, else <c>140.00 EUR</c>.</summary>
    public override string ToString() => Currency == "USD" ? "$" + Value : $"{Value} {Currency}";
}
