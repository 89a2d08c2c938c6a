using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Testing;

/// <summary>How <see cref="VirtualAuthorizationServer.StartAsync"/> sets up the server, its one client and its person.</summary>
public sealed class VirtualAuthorizationServerOptions
{
    /// <summary>
    /// The clock of the server and of the person's delays (<see cref="VirtualPerson.ApprovesAfter"/>). Register the
    /// same instance (for example a <c>FakeTimeProvider</c>) as the agent's <see cref="TimeProvider"/> so that request
    /// expiry and poll intervals follow the test's time. Default: the system clock.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>The person's user name: the login hint an agent sends. Default <c>person</c>.</summary>
    public string PersonUsername { get; set; } = "person";

    /// <summary>The scopes the client may ask for, besides <c>openid</c>. Default <c>payment</c>.</summary>
    public IList<string> Scopes { get; } = ["payment"];

    /// <summary>The audience (RFC 8707 resource) of the client's access tokens. Default <c>api</c>.</summary>
    public string Audience { get; set; } = "api";

    /// <summary>
    /// Server settings under the <c>Mandate</c> section, over the defaults, e.g. <c>["Mandate:CibaIntervalSeconds"] = "2"</c>
    /// or <c>["Mandate:CibaDefaultExpirySeconds"] = "60"</c> (docs/server.md lists them).
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How the client gets its token (CIBA Core §5, the client's <c>backchannel_token_delivery_mode</c>): <c>poll</c>
    /// (default), or <c>ping</c>, where the server calls the client's notification endpoint when the person has answered
    /// (§10.2) and the client then redeems the token. In ping mode set <see cref="NotificationHandler"/> (an agent in
    /// process) or <see cref="NotificationEndpoint"/> (an agent listening on a real address), or both.
    /// </summary>
    public string BackchannelTokenDeliveryMode { get; set; } = "poll";

    /// <summary>
    /// In ping mode, the client's <c>backchannel_client_notification_endpoint</c> (CIBA Core §4): the URL the server
    /// posts its pings to, e.g. <c>http://127.0.0.1:5123/ciba/notify</c> for an agent on Kestrel. HTTPS, or plain HTTP
    /// on a loopback address (the virtual server is a development server, CIBA Core §9). Default with a
    /// <see cref="NotificationHandler"/>: <c>http://localhost/ciba/notify</c>, the default route of
    /// <c>MapCibaNotifications</c> (Mandate.Client.AspNetCore).
    /// </summary>
    public Uri? NotificationEndpoint { get; set; }

    /// <summary>
    /// In ping mode, the primary handler of the server's ping <see cref="HttpClient"/> instead of its socket handler:
    /// pings then reach an agent in the same process, e.g. <c>() =&gt; agentHost.GetTestServer().CreateHandler()</c>.
    /// It is called when the first ping is sent (and again whenever the server's HTTP client factory renews its
    /// handlers), so it may name an agent host that is built after the virtual server has started.
    /// </summary>
    public Func<HttpMessageHandler>? NotificationHandler { get; set; }

    /// <summary>
    /// Registrations after the server's, e.g. <c>services.AddMandateAuthorizationDetailsType("payment_initiation", _ => null)</c>
    /// for the <c>authorization_details</c> types the agent sends.
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}
