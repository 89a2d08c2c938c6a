using Mandate.Server.Device.Page;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Mandate.Server.Endpoints;

/// <summary>
/// The person's approval page: <c>GET /device</c> and its static files (<c>/device/app.js</c> and the modules it
/// imports, <c>/device/app.css</c>, the icons, <c>/device/manifest.webmanifest</c>, and <c>/device/sw.js</c>, the service
/// worker, whose scope is <c>/device/</c>), embedded in the assembly. The page talks only to the device JSON API
/// (<see cref="DeviceApiEndpoints"/>); every answer carries <see cref="ContentSecurityPolicy"/>.
/// </summary>
internal static class DevicePageEndpoints
{
    /// <summary>
    /// Scripts, styles, images, connections, the web app manifest and the service worker from this origin only; no
    /// inline script or style, no plugins, no framing, no plain form submission; Trusted Types with one policy,
    /// <c>mandate-service-worker</c> (push.js), which makes only the URL of <c>sw.js</c>: the browser itself refuses any
    /// HTML string written into the page (the page only ever sets text) and any other script URL.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "manifest-src 'self'; worker-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
        "require-trusted-types-for 'script'; trusted-types mandate-service-worker";

    /// <summary>Maps <c>/device</c> and its assets.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/device", ServePage);
        foreach (var asset in DevicePageAssets.All.Values.Where(a => a.Name != DevicePageAssets.PageName))
        {
            endpoints.MapGet("/device/" + asset.Name, (HttpContext http) => Serve(http, asset));
        }
    }

    private static IResult ServePage(HttpContext http) =>
        // "/device/" would resolve the page's relative asset URLs one folder too deep.
        http.Request.Path.Value?.EndsWith('/') == true
            ? Results.Redirect(http.Request.PathBase + "/device")
            : Serve(http, DevicePageAssets.All[DevicePageAssets.PageName]);

    private static IResult Serve(HttpContext http, DevicePageAsset asset)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag == asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
