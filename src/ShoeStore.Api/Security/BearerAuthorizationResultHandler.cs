using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ShoeStore.Api.Security;

/// <summary>Answers a refused policy with 403 <c>insufficient_scope</c> and the scope needed (RFC 6750 §3.1).</summary>
internal sealed class BearerAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden &&
            authorizeResult.AuthorizationFailure?.FailureReasons.OfType<StoreAccessFailureReason>().FirstOrDefault() is { } reason)
        {
            return BearerResponses.InsufficientScopeAsync(context, reason.Scope, reason.Message);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
