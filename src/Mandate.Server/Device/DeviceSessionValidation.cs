using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Device;

/// <summary>
/// Checks a device cookie against the server's session state on every request: a cookie whose session was ended
/// (sign-out, password change), timed out or never existed is refused and deleted, on whichever instance it arrives.
/// </summary>
internal static class DeviceSessionValidation
{
    /// <summary>The cookie handler's <c>OnValidatePrincipal</c>.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirstValue(DeviceSession.SessionIdClaim);
        var subject = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var store = context.HttpContext.RequestServices.GetRequiredService<DeviceSessionStore>();
        if (sessionId is null || subject is null || await store.ValidateAsync(sessionId, context.HttpContext.RequestAborted) != subject)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DeviceSession.Scheme);
        }
    }
}
