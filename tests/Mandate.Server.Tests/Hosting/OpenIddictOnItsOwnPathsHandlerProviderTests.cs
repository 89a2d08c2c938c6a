using Mandate.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;

namespace Mandate.Server.Tests.Hosting;

public sealed class OpenIddictOnItsOwnPathsHandlerProviderTests
{
    private static readonly Endpoint Routed = new(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "token");

    private static HttpContext Request(Endpoint? endpoint, out IAuthenticationHandlerProvider handlers)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthentication(o => o.AddScheme(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, s => s.HandlerType = typeof(OpenIddictServerAspNetCoreHandler)))
            .AddCookie("device");
        var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.SetEndpoint(endpoint);
        handlers = new OpenIddictOnItsOwnPathsHandlerProvider(provider.GetRequiredService<IAuthenticationSchemeProvider>());
        return context;
    }

    [Fact]
    public async Task OpenIddictScheme_OnARoutedRequest_IsNotOffered()
    {
        var context = Request(Routed, out var handlers);

        Assert.Null(await handlers.GetHandlerAsync(context, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme));
    }

    [Fact]
    public async Task CookieScheme_OnARoutedRequest_IsStillOffered()
    {
        var context = Request(Routed, out var handlers);

        Assert.IsType<CookieAuthenticationHandler>(await handlers.GetHandlerAsync(context, "device"));
    }

    [Fact]
    public async Task CookieScheme_OnAnUnroutedRequest_IsOffered()
    {
        var context = Request(null, out var handlers);

        Assert.IsType<CookieAuthenticationHandler>(await handlers.GetHandlerAsync(context, "device"));
    }
}
