using Mandate.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Mandate.Server's start-up work on a built host (docs/server.md, "Hosting it in your own app").</summary>
public static class MandateServerHostExtensions
{
    /// <summary>
    /// Applies the database migrations, runs the seeds (<c>--seed FILE</c>, then those registered with
    /// <c>AddMandateSeed</c>), loads the scopes and signing keys, and checks the configuration: call it after
    /// <c>Build()</c> and before <c>RunAsync()</c> to fail before the server listens. Idempotent: the host's start runs
    /// the same work when it has not run yet, and a second call returns at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration or a seed is invalid; the message says what to fix.</exception>
    public static Task InitializeMandateServerAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.GetRequiredService<MandateServerInitializer>().InitializeAsync(cancellationToken);
    }
}
