using Mandate.Server.Configuration;
using Mandate.Server.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Mandate.Server's endpoints.</summary>
public static class MandateServerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the token, backchannel, introspection, userinfo, revocation and device API endpoints under the issuer path. OpenIddict
    /// serves discovery and JWKS. The start-up work (migrations, seeds, keys) is not done here: it runs when the host
    /// starts, or earlier with <c>await app.InitializeMandateServerAsync()</c> (docs/server.md).
    /// </summary>
    public static IEndpointRouteBuilder MapMandateServer(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var o = services.GetRequiredService<IOptions<MandateServerOptions>>().Value;

        endpoints.MapMethods("/" + o.EndpointPath(MandateEndpoints.Token), ["GET", "POST", "PUT", "DELETE", "PATCH"],
            (HttpContext http, TokenEndpointHandler handler) => handler.HandleAsync(http));
        endpoints.MapMethods("/" + o.EndpointPath(MandateEndpoints.Introspection), ["GET", "POST", "PUT", "DELETE", "PATCH"],
            (HttpContext http, IntrospectionHandler handler) => handler.HandleAsync(http));
        endpoints.MapMethods("/" + o.EndpointPath(MandateEndpoints.BackchannelAuthentication), ["GET", "POST", "PUT", "DELETE", "PATCH"],
            (HttpContext http, BackchannelAuthenticationHandler handler) => handler.HandleAsync(http));
        endpoints.MapMethods("/" + o.EndpointPath(MandateEndpoints.UserInfo), ["GET", "POST", "PUT", "DELETE", "PATCH"], UserInfoHandler.HandleAsync);
        // Every method reaches the handler, so that a GET is answered invalid_request (RFC 7009 §2.1: POST), as at bc-authorize.
        endpoints.MapMethods("/" + o.EndpointPath(MandateEndpoints.Revocation), ["GET", "POST", "PUT", "DELETE", "PATCH"],
            (HttpContext http, TokenRevocationHandler handler) => handler.HandleAsync(http));
        DeviceApiEndpoints.Map(endpoints);
        DevicePageEndpoints.Map(endpoints);
        return endpoints;
    }
}
