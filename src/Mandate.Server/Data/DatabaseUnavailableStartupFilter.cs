using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Mandate.Server.Data;

/// <summary>Puts <see cref="DatabaseUnavailableMiddleware"/> first in the host's pipeline, ahead of OpenIddict (whose
/// client authentication reads the database) and the endpoints.</summary>
internal sealed class DatabaseUnavailableStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        next(app);
    };
}
