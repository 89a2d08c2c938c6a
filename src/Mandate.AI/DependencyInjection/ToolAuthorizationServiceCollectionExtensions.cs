using Mandate.AI.Authorization;
using Mandate.AI.MandateClient;
using Mandate.AI.Policies;
using Mandate.AI.Tokens;
using Mandate.Client.Ciba;
using Mandate.Client.ClientCredentials;
using Mandate.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers tool authorization.</summary>
public static class ToolAuthorizationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ToolAuthorizer"/> and <see cref="ToolTokenAccessor"/>, with the tool policies read from
    /// <paramref name="policies"/> (see <see cref="ToolPolicyConfiguration"/>) and then completed by
    /// <paramref name="configure"/>. An <see cref="IToolTokenSource"/> must be registered too (e.g.
    /// <c>AddMandateClientTokenSource()</c>). Idempotent.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="policies">The section whose children are tools (e.g. <c>Mandate:Tools</c>), or null.</param>
    /// <param name="configure">Declares or completes policies and settings in code, or null.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddToolAuthorization(
        this IServiceCollection services, IConfiguration? policies, Action<ToolAuthorizationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ToolAuthorizationOptions>();
        if (policies is not null)
        {
            options.Configure(o => ToolPolicyConfiguration.Apply(policies, o.Policies));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ToolTokenAccessor>();
        services.TryAddTransient<ToolTokenHandler>();
        services.TryAddSingleton(sp => new ToolAuthorizer(
            sp.GetRequiredService<IToolTokenSource>(),
            sp.GetRequiredService<IOptions<ToolAuthorizationOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<ToolAuthorizer>>()));
        return services;
    }

    /// <summary>Registers tool authorization with policies declared in code only. Idempotent.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Declares policies and settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddToolAuthorization(this IServiceCollection services, Action<ToolAuthorizationOptions> configure) =>
        services.AddToolAuthorization(null, configure);

    /// <summary>
    /// Registers <see cref="MandateClientTokenSource"/> as the <see cref="IToolTokenSource"/>: tokens come from
    /// Mandate.Client, which must be registered too (<c>services.AddMandateClient(configuration)</c>). Idempotent.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMandateClientTokenSource(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IToolTokenSource>(sp => new MandateClientTokenSource(
            sp.GetRequiredService<IClientCredentialsClient>,
            sp.GetRequiredService<ICibaClient>,
            sp.GetRequiredService<IOptions<MandateClientOptions>>()));
        return services;
    }
}
