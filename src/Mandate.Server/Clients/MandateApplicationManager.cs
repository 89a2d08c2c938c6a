using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Mandate.Server.Clients;

/// <summary>
/// OpenIddict's application manager with fast verification of generated client secrets (see
/// <see cref="ClientSecretHasher"/>; hashes OpenIddict made itself are still verified by the base class), which empties
/// <see cref="SharedApplicationCache{TApplication}"/> around every update and deletion. Its lookups are OpenIddict's own
/// (this request's context, so an entity found can be updated); requests read registrations through
/// <see cref="ClientDirectory"/>, which keeps them across requests.
/// </summary>
internal sealed class MandateApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    SharedApplicationCache<TApplication> shared)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    /// <inheritdoc />
    public override async ValueTask UpdateAsync(TApplication application, CancellationToken cancellationToken = default)
    {
        shared.Clear();
        await base.UpdateAsync(application, cancellationToken);
        shared.Clear();
    }

    /// <inheritdoc />
    public override async ValueTask DeleteAsync(TApplication application, CancellationToken cancellationToken = default)
    {
        shared.Clear();
        await base.DeleteAsync(application, cancellationToken);
        shared.Clear();
    }

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
