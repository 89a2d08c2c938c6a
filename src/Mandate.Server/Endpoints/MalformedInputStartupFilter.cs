using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Mandate.Server.Endpoints;

/// <summary>Puts <see cref="MalformedInputMiddleware"/> ahead of OpenIddict (which reads token, introspection and
/// userinfo forms itself) and the endpoints.</summary>
internal sealed class MalformedInputStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<MalformedInputMiddleware>();
        next(app);
    };
}
