namespace ShoeStore.Api.Security;

/// <summary>The outcome of a <see cref="StoreAccessRule"/>: allowed, or refused with RFC 6750 <c>insufficient_scope</c>.</summary>
/// <param name="IsAllowed">Whether the call may go on.</param>
/// <param name="Scope">When refused, the scope to name in the challenge.</param>
/// <param name="Description">When refused, why (fixed text, safe for <c>error_description</c>).</param>
internal sealed record AccessDecision(bool IsAllowed, string? Scope, string? Description)
{
    public static readonly AccessDecision Allow = new(true, null, null);

    public static AccessDecision Deny(string scope, string description) => new(false, scope, description);
}
