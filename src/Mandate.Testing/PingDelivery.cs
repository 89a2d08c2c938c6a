using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Testing;

/// <summary>
/// The client's token delivery mode as the virtual server sets it up (CIBA Core §5): checks the options, resolves the
/// notification endpoint of a ping client (§4 <c>backchannel_client_notification_endpoint</c>) and, when the agent runs
/// in process, gives the server's ping <see cref="HttpClient"/> the agent's handler (§10.2: the server posts the ping).
/// </summary>
internal static class PingDelivery
{
    public const string Poll = "poll";

    public const string Ping = "ping";

    /// <summary>The default notification endpoint with an in-process handler: <c>MapCibaNotifications</c>' default route.</summary>
    public static readonly Uri DefaultInProcessEndpoint = new("http://localhost/ciba/notify");

    /// <summary>
    /// The notification endpoint to register: null in poll mode. Throws when the options do not make sense together.
    /// </summary>
    public static Uri? ResolveEndpoint(VirtualAuthorizationServerOptions options)
    {
        switch (options.BackchannelTokenDeliveryMode)
        {
            case Poll:
                if (options.NotificationEndpoint is not null || options.NotificationHandler is not null)
                {
                    throw new ArgumentException(
                        "NotificationEndpoint and NotificationHandler are for ping mode: set BackchannelTokenDeliveryMode to \"ping\".",
                        nameof(options));
                }

                return null;
            case Ping:
                if (options.NotificationEndpoint is { IsAbsoluteUri: false })
                {
                    throw new ArgumentException("NotificationEndpoint must be an absolute URL.", nameof(options));
                }

                return options.NotificationEndpoint
                    ?? (options.NotificationHandler is not null
                        ? DefaultInProcessEndpoint
                        : throw new ArgumentException(
                            "Ping mode needs NotificationHandler (an agent in process) or NotificationEndpoint (an agent on a real address).",
                            nameof(options)));
            default:
                throw new ArgumentException(
                    $"BackchannelTokenDeliveryMode must be \"poll\" or \"ping\" (CIBA Core §5), not \"{options.BackchannelTokenDeliveryMode}\".",
                    nameof(options));
        }
    }

    /// <summary>Sends the server's pings through <paramref name="handler"/> (registered after the server's own handler, so it wins).</summary>
    public static void UseHandler(IServiceCollection services, Func<HttpMessageHandler> handler) =>
        services.AddMandatePingHttpClient().ConfigurePrimaryHttpMessageHandler(handler);
}
