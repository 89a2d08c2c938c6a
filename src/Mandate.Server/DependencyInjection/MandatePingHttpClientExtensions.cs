using Mandate.Server.Ping;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Access to the <see cref="HttpClient"/> Mandate.Server sends CIBA pings with.</summary>
public static class MandatePingHttpClientExtensions
{
    /// <summary>
    /// The builder of the <see cref="HttpClient"/> that posts ping callbacks to clients' notification endpoints (CIBA Core
    /// §10.2), to configure it further after <c>AddMandateServer</c> — e.g. a test's primary handler that reaches a client
    /// in the same process (Mandate.Testing does this). The server's own handler refuses redirects and, outside
    /// development transport, non-public addresses (docs/security.md, "Ping callbacks"); a handler set here replaces it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The ping client's builder.</returns>
    public static IHttpClientBuilder AddMandatePingHttpClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddHttpClient(PingSender.HttpClientName);
    }
}
