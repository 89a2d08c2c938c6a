using System.Net.Http.Headers;
using Mandate.Client.Authentication;
using Mandate.Client.Ciba;
using Mandate.Client.Ciba.Ping;
using Mandate.Client.ClientCredentials;
using Mandate.Client.Discovery;
using Mandate.Client.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Mandate.Client: <see cref="IClientCredentialsClient"/>, <see cref="ICibaClient"/> and the ping receiver.</summary>
public static class MandateClientServiceCollectionExtensions
{
    /// <summary>The name of the <c>HttpClient</c> the client uses, for <c>AddHttpClient(name)</c> customisation.</summary>
    public const string HttpClientName = "Mandate.Client";

    /// <summary>
    /// Registers the client with options set in code. Registration is idempotent (<c>TryAdd…</c>); options are validated
    /// at start-up. A <see cref="TimeProvider"/> registered before this call is used instead of the system clock.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets <see cref="MandateClientOptions"/>.</param>
    /// <returns>The builder of the client's <c>HttpClient</c>, to add handlers (proxies, resilience, test fakes).</returns>
    public static IHttpClientBuilder AddMandateClient(this IServiceCollection services, Action<MandateClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MandateClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MandateClientOptions>, MandateClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningKeyProvider>(sp => new SigningKeyProvider(sp.GetRequiredService<IOptions<MandateClientOptions>>()));
        services.TryAddSingleton<ClientAuthenticator>();
        services.TryAddSingleton<DiscoveryCache>();
        services.TryAddSingleton<EndpointResolver>();
        services.TryAddSingleton<ClientCredentialsTokenCache>();
        services.TryAddSingleton<CibaNotificationReceiver>();
        services.TryAddTransient(sp => new ClientCredentialsClient(
            sp.GetRequiredService<OAuthHttpClient>(), sp.GetRequiredService<EndpointResolver>(), sp.GetRequiredService<ClientCredentialsTokenCache>(),
            sp.GetRequiredService<IOptions<MandateClientOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ClientCredentialsClient>>()));
        services.TryAddTransient<IClientCredentialsClient>(sp => sp.GetRequiredService<ClientCredentialsClient>());
        services.TryAddTransient(sp => new CibaClient(
            sp.GetRequiredService<OAuthHttpClient>(), sp.GetRequiredService<EndpointResolver>(), sp.GetRequiredService<SigningKeyProvider>(),
            sp.GetRequiredService<CibaNotificationReceiver>(), sp.GetRequiredService<IOptions<MandateClientOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CibaClient>>()));
        services.TryAddTransient<ICibaClient>(sp => sp.GetRequiredService<CibaClient>());

        return services.AddHttpClient<OAuthHttpClient>(HttpClientName).ConfigureHttpClient(http =>
        {
            // Each attempt has its own time-out (MandateClientOptions.HttpTimeout, on the registered TimeProvider).
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.MaxResponseContentBufferSize = 1024 * 1024;
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Mandate.Client", "1.0"));
        });
    }

    /// <summary>
    /// Registers the client with options from configuration: first the tutorial's variables
    /// (<c>PINGONE_TOKEN_ENDPOINT</c> … <c>PINGONE_CIBA_JWK</c>, see <see cref="PingOneEnvironment"/>) at the root, then
    /// the <c>Mandate:Client</c> section (which wins), then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (environment variables, files, command line).</param>
    /// <param name="configure">OPTIONAL. Adjusts the options after binding.</param>
    /// <returns>The builder of the client's <c>HttpClient</c>.</returns>
    public static IHttpClientBuilder AddMandateClient(this IServiceCollection services, IConfiguration configuration,
        Action<MandateClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MandateClientOptions>().Configure(options =>
        {
            PingOneEnvironment.Apply(configuration, options);
            configuration.GetSection(MandateClientOptions.SectionName).Bind(options);
            options.SigningJwk = PingOneEnvironment.Unquote(options.SigningJwk);
        });
        return services.AddMandateClient(configure);
    }
}
