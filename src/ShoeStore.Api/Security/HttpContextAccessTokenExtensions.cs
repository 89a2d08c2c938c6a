namespace ShoeStore.Api.Security;

/// <summary>Access to the request's validated <see cref="AccessTokenClaims"/>.</summary>
internal static class HttpContextAccessTokenExtensions
{
    /// <summary>The claims of the validated access token; only on endpoints that require one.</summary>
    public static AccessTokenClaims AccessToken(this HttpContext context) =>
        context.Features.Get<AccessTokenClaims>()
        ?? throw new InvalidOperationException("The endpoint has no authorization policy, so there is no access token.");
}
