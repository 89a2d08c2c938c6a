using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Mandate.Server.Clients;

/// <summary>
/// OpenIddict's application manager with fast verification of generated client secrets
/// (see <see cref="ClientSecretHasher"/>). Hashes OpenIddict made itself are still verified by the base class.
/// </summary>
public sealed class MandateApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    /// <inheritdoc />
    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ClientSecretHasher.Hash(secret));

    /// <inheritdoc />
    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (ClientSecretHasher.IsHash(comparand))
        {
            return ClientSecretHasher.Verify(comparand, secret);
        }

        return await base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
    }
}
