using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Testing.Tests;

/// <summary>The virtual server every test here starts, before its own settings.</summary>
internal static class TestServerOptions
{
    /// <summary>On the agent's fake clock, requests valid 120 s, and the <c>payment_initiation</c> authorization
    /// details type (RFC 9396) the scripts' requests carry.</summary>
    public static VirtualAuthorizationServerOptions OnClock(FakeTimeProvider time)
    {
        var options = new VirtualAuthorizationServerOptions
        {
            TimeProvider = time,
            ConfigureServices = services => services.AddMandateAuthorizationDetailsType("payment_initiation", _ => null),
        };
        options.Settings["Mandate:CibaDefaultExpirySeconds"] = "120";
        return options;
    }
}
