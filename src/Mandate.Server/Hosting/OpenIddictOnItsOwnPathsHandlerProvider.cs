using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;

namespace Mandate.Server.Hosting;

/// <summary>
/// ASP.NET Core's authentication handler provider, except that OpenIddict's server handler is not offered for a
/// request that routing matched to an endpoint. The authentication middleware asks every request handler about every
/// request, and OpenIddict's dispatches its whole request pipeline just to learn that the request is not one of its
/// own (discovery, JWKS); its endpoints are never routed endpoints (they are served from the middleware), while
/// Mandate's own (token, bc-authorize, introspection, revocation, userinfo, the device API and pages) all are, so
/// they no longer pay for it (docs/benchmarks.md, the section of 2026-12-06 on polls from memory). Every other scheme,
/// the device session cookie included, is unchanged; requests with no endpoint (discovery, JWKS, unknown paths) get
/// OpenIddict's handler as before.
/// </summary>
internal sealed class OpenIddictOnItsOwnPathsHandlerProvider(IAuthenticationSchemeProvider schemes) : IAuthenticationHandlerProvider
{
    private readonly AuthenticationHandlerProvider _inner = new(schemes);

    /// <inheritdoc />
    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme) =>
        authenticationScheme == OpenIddictServerAspNetCoreDefaults.AuthenticationScheme && context.GetEndpoint() is not null
            ? Task.FromResult<IAuthenticationHandler?>(null)
            : _inner.GetHandlerAsync(context, authenticationScheme);
}
