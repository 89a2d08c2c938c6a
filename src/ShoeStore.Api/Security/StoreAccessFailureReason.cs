using Microsoft.AspNetCore.Authorization;

namespace ShoeStore.Api.Security;

/// <summary>Why <see cref="StoreAccessHandler"/> refused a call, with the scope to name in the 403 challenge.</summary>
internal sealed class StoreAccessFailureReason(IAuthorizationHandler handler, string scope, string message)
    : AuthorizationFailureReason(handler, message)
{
    public string Scope { get; } = scope;
}
