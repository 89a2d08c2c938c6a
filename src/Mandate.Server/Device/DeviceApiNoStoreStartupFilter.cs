using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Device;

/// <summary>
/// Puts <c>Cache-Control: no-store</c> on every answer under <c>/device/api</c> — lists, history, the event stream,
/// the session, and every error (401, 404, 413, 415, 429, 503, unmatched routes) — so that no browser or shared cache
/// keeps a person's requests (RFC 9111 §5.2.2.5). It is set when the headers are sent, after anything that cleared
/// them, and runs first in the host's pipeline.
/// </summary>
internal sealed class DeviceApiNoStoreStartupFilter : IStartupFilter
{
    /// <summary>The path the header applies to (and everything under it).</summary>
    public static readonly PathString ApiPath = new("/device/api");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (http.Request.Path.StartsWithSegments(ApiPath, StringComparison.Ordinal))
            {
                http.Response.OnStarting(static state =>
                {
                    ((HttpResponse)state).Headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                }, http.Response);
            }

            return nextMiddleware(http);
        });
        next(app);
    };
}
