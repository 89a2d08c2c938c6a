using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mandate.TestSupport.Http;

/// <summary>
/// Kestrel on 127.0.0.1 at a free port, without logging: the stand-in for a peer that the code under test calls over
/// real HTTP (a ping receiver, a language model, a notification endpoint).
/// </summary>
public static class LoopbackHost
{
    /// <summary>A slim builder (<see cref="WebApplication.CreateSlimBuilder()"/>) listening on <c>http://127.0.0.1:0</c>, with no log providers.</summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>Starts <paramref name="app"/> and returns the address it listens on, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public static async Task<string> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }
}
