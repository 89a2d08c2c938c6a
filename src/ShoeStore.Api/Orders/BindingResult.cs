namespace ShoeStore.Api.Orders;

/// <summary>The outcome of <see cref="PurchaseBinding.Check"/>.</summary>
/// <param name="IsAllowed">Whether the order may be placed under this approval.</param>
/// <param name="Approved">The approved purchase that matched, when bound.</param>
/// <param name="Reason">Why the order is refused.</param>
internal sealed record BindingResult(bool IsAllowed, ShoePurchaseDetail? Approved, string? Reason)
{
    /// <summary>The token carries no authorization details: scope <c>payment</c> alone decides.</summary>
    public static readonly BindingResult NotBound = new(true, null, null);

    public static BindingResult Matches(ShoePurchaseDetail approved) => new(true, approved, null);

    public static BindingResult Refused(string reason) => new(false, null, reason);
}
