using Microsoft.AspNetCore.Authorization;

namespace ShoeStore.Api.Security;

/// <summary>Applies a <see cref="StoreAccessRule"/> to the request's <see cref="AccessTokenClaims"/>.</summary>
internal sealed class StoreAccessHandler : AuthorizationHandler<StoreAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StoreAccessRequirement requirement)
    {
        // Without validated claims the user is not authenticated: leave the requirement unmet, the caller is challenged.
        if ((context.Resource as HttpContext)?.Features.Get<AccessTokenClaims>() is { } token)
        {
            var decision = requirement.Rule.Evaluate(token);
            if (decision.IsAllowed)
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new StoreAccessFailureReason(this, decision.Scope!, decision.Description!));
            }
        }

        return Task.CompletedTask;
    }
}
