using Mandate.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace Mandate.Server.Tests.Infrastructure;

/// <summary>
/// Mandate.Server as a library user hosts it: <c>AddMandateServer</c> plus what the test registers, no seed file, on a
/// data directory the test owns (so that a second host can start on the same database). Not started: the test decides
/// whether it calls <c>InitializeMandateServerAsync</c>, <c>StartAsync</c>, or both.
/// </summary>
public sealed class BareServerHost : IAsyncDisposable
{
    private BareServerHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public static BareServerHost Create(string dataDirectory, Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var config = new Dictionary<string, string?>
        {
            ["Mandate:Issuer"] = MandateTestServer.Issuer,
            ["Mandate:DataDirectory"] = dataDirectory,
        };
        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddMandateServer();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapMandateServer();
        return new BareServerHost(app);
    }

    /// <summary>How many clients, users and scopes the database holds.</summary>
    public async Task<(long Clients, int Users, long Scopes)> CountAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return (await services.GetRequiredService<IOpenIddictApplicationManager>().CountAsync(),
            await services.GetRequiredService<MandateDbContext>().Users.CountAsync(),
            await services.GetRequiredService<IOpenIddictScopeManager>().CountAsync());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
