using Mandate.Server.AuthorizationDetails;
using Mandate.Server.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mandate.Server.Hosting;

/// <summary>Registers the start-up work and the seeding services (part of <c>AddMandateServer</c>).</summary>
internal static class MandateServerStartupServices
{
    /// <summary>Adds the initializer's hosted-service trigger, the seeder and the <c>authorization_details</c> types.</summary>
    public static void Add(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, MandateServerStartupService>());
        services.TryAddScoped<SeedImporter>();
        services.TryAddScoped<IMandateSeeder>(sp => sp.GetRequiredService<SeedImporter>());
        services.TryAddSingleton<AuthorizationDetailsTypes>();
    }
}
