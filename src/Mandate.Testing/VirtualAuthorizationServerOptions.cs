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
    /// Registrations after the server's, e.g. <c>services.AddMandateAuthorizationDetailsType("payment_initiation", _ => null)</c>
    /// for the <c>authorization_details</c> types the agent sends.
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}
