using Mandate.Server.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Demo;

/// <summary>
/// What a shoe-store demo host adds to <c>AddMandateServer</c> through the public seeding API (docs/server.md,
/// "Seeding"): the demo seed with its <c>demo.env</c> on the first start, the <c>shoe_purchase</c> type, and <c>payment</c>
/// bounded by the person's spending limit.
/// Mandate.Server's own <c>Program</c> and ShoeStore.Demo call it; the library does not.
/// </summary>
internal static class DemoServerServices
{
    /// <summary>Registers the demo seed, the <c>shoe_purchase</c> authorization-details type and the <c>payment</c>
    /// spending bound (idempotent).</summary>
    public static IServiceCollection AddShoeStoreDemo(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IMandateSeedContributor) && d.ImplementationType == typeof(DemoSeedContributor)))
        {
            return services;
        }

        services.AddMandateSeed<DemoSeedContributor>();
        services.AddMandateAuthorizationDetailsType(new ShoePurchaseDetailType());
        services.AddMandateSpendingBound(new ShoePurchaseSpendingBound());
        return services;
    }
}
