using Mandate.Server.Configuration;
using Mandate.Server.OpenIddictHandlers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;

namespace Mandate.Server.Tests.OpenIddictHandlers;

/// <summary>OpenIddict's request handler is offered for discovery and JWKS only; every other scheme is unaffected.</summary>
public sealed class OpenIddictRequestGateTests
{
    private const string Realm = "/am/oauth2/realms/root/realms/alpha";
    private const string OpenIddict = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    [Theory]
    [InlineData(Realm + "/access_token")]
    [InlineData(Realm + "/bc-authorize")]
    [InlineData(Realm + "/introspect")]
    [InlineData("/device/api/requests")]
    [InlineData("/")]
    public async Task OpenIddictScheme_ElsewhereThanDiscoveryAndJwks_IsNotOffered(string path)
    {
        var (gate, context) = Gate(path);

        Assert.Null(await gate.GetHandlerAsync(context, OpenIddict));
    }

    [Theory]
    [InlineData(Realm + "/.well-known/openid-configuration")]
    [InlineData(Realm + "/connect/jwk_uri")]
    [InlineData(Realm + "/CONNECT/JWK_URI")]
    public async Task OpenIddictScheme_OnDiscoveryAndJwks_IsOffered(string path)
    {
        var (gate, context) = Gate(path);

        Assert.IsType<StandInHandler>(await gate.GetHandlerAsync(context, OpenIddict));
    }

    [Fact]
    public async Task DeviceCookieScheme_OnAnyPath_IsOffered()
    {
        var (gate, context) = Gate(Realm + "/access_token");

        Assert.IsType<CookieAuthenticationHandler>(await gate.GetHandlerAsync(context, "device"));
    }

    private static (OpenIddictRequestGate Gate, HttpContext Context) Gate(string path)
    {
        var services = new ServiceCollection().AddLogging();
        // A stand-in under OpenIddict's scheme name: the gate decides by name and path, not by handler type.
        services.AddAuthentication(o => o.AddScheme(OpenIddict, s => s.HandlerType = typeof(StandInHandler))).AddCookie("device");
        var provider = services.BuildServiceProvider();
        var options = Options.Create(new MandateServerOptions { Issuer = new Uri("http://127.0.0.1:5100" + Realm) });
        var gate = new OpenIddictRequestGate(provider.GetRequiredService<IAuthenticationSchemeProvider>(), options);
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Path = path;
        return (gate, context);
    }

    private sealed class StandInHandler : IAuthenticationHandler
    {
        public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context) => Task.CompletedTask;

        public Task<AuthenticateResult> AuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

        public Task ChallengeAsync(AuthenticationProperties? properties) => Task.CompletedTask;

        public Task ForbidAsync(AuthenticationProperties? properties) => Task.CompletedTask;
    }
}
