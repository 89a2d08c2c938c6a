using Mandate.AI.Approvals;
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
    /// Registers <see cref="ToolAuthorizer"/>, <see cref="ToolTokenAccessor"/> and <see cref="ApprovalRecovery"/>, with the tool policies read from
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

        options.PostConfigure<IServiceProvider>((o, sp) => o.ApprovalStore ??= sp.GetService<IApprovalStore>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ToolTokenAccessor>();
        services.TryAddSingleton(sp => new ApprovalRecovery(sp.GetRequiredService<ToolAuthorizer>()));
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
    /// Keeps the calls of <see cref="ToolPolicy.Durable"/> tools and their pending approvals in the SQLite file at
    /// <paramref name="path"/> (<see cref="SqliteApprovalStore"/>, mode 0600), so that they survive a restart of the agent;
    /// resume them at start-up with <see cref="ApprovalRecovery"/>. Replaces an earlier store.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="path">The file, e.g. <c>.mandate/agent-approvals.db</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddApprovalStore(this IServiceCollection services, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return services.AddApprovalStore(new SqliteApprovalStore(path));
    }

    /// <summary>Keeps the calls of <see cref="ToolPolicy.Durable"/> tools in <paramref name="store"/>. Replaces an earlier store.</summary>
    /// <param name="services">The services.</param>
    /// <param name="store">The store.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddApprovalStore(this IServiceCollection services, IApprovalStore store)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        services.RemoveAll<IApprovalStore>();
        services.AddSingleton(store);
        return services;
    }

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
