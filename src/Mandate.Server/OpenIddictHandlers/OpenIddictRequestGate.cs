using System.Runtime.CompilerServices;
using Mandate.Server.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;

namespace Mandate.Server.OpenIddictHandlers;

/// <summary>
/// ASP.NET Core's authentication middleware asks every request-handling scheme about every request; OpenIddict's server
/// scheme answers by dispatching its request event, which on this server only serves discovery and JWKS. This provider
/// hands out OpenIddict's handler only for those two paths, so the token, backchannel, introspection, userinfo,
/// revocation and device requests (Mandate's own, docs/architecture.md "Decisions") skip OpenIddict entirely. Every
/// other scheme, and OpenIddict's on its own paths, comes from the framework's provider.
/// </summary>
internal sealed class OpenIddictRequestGate(IAuthenticationSchemeProvider schemes, IOptions<MandateServerOptions> options) : IAuthenticationHandlerProvider
{
    // The two paths, made once per options instance rather than once per request (this provider is scoped).
    private static readonly ConditionalWeakTable<MandateServerOptions, OpenIddictPaths> Paths = [];

    private readonly AuthenticationHandlerProvider _inner = new(schemes);
    private readonly OpenIddictPaths _paths = Paths.GetValue(options.Value, o => new(
        new("/" + o.EndpointPath(MandateEndpoints.Configuration)), new("/" + o.EndpointPath(MandateEndpoints.JsonWebKeySet))));

    /// <inheritdoc />
    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme) =>
        authenticationScheme == OpenIddictServerAspNetCoreDefaults.AuthenticationScheme && !IsOpenIddictPath(context.Request.Path)
            ? Task.FromResult<IAuthenticationHandler?>(null)
            : _inner.GetHandlerAsync(context, authenticationScheme);

    private bool IsOpenIddictPath(PathString path) =>
        path.StartsWithSegments(_paths.Configuration, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(_paths.Keys, StringComparison.OrdinalIgnoreCase);

    private sealed record OpenIddictPaths(PathString Configuration, PathString Keys);
}
