using System.Net;
using Mandate.Client.Ciba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mandate.ApprovalLatency;

/// <summary>
/// The agent's side: Mandate.Client configured for one CIBA client, in a small web host on a free loopback port that,
/// in ping mode, serves the client's notification endpoint (CIBA Core §10.2) with <c>MapCibaNotifications</c>.
/// </summary>
internal sealed class AgentHost : IAsyncDisposable
{
    private const string NotificationPath = "/ciba/notify";
    private readonly WebApplication _app;

    private AgentHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        NotificationEndpoint = new Uri(baseUrl, NotificationPath);
    }

    /// <summary>Where the server must send pings for this client (only served in ping mode).</summary>
    public Uri NotificationEndpoint { get; }

    public ICibaClient Ciba => _app.Services.GetRequiredService<ICibaClient>();

    public static async Task<AgentHost> StartAsync(string mode, string clientId, string secret, string privateJwk, Uri issuer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddMandateClient(options =>
        {
            options.Issuer = issuer.AbsoluteUri;
            options.ClientId = clientId;
            options.ClientSecret = secret;
            options.SigningJwk = privateJwk;
            options.RequestObjectAudience = issuer.AbsoluteUri;
            options.BackchannelTokenDeliveryMode = mode;
        });
        var app = builder.Build();
        if (mode == "ping")
        {
            app.MapCibaNotifications(NotificationPath);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new AgentHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
