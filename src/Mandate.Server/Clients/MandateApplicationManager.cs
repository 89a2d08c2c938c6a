using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace Mandate.Server.Clients;

/// <summary>
/// OpenIddict's application manager with fast verification of generated client secrets
/// (see <see cref="ClientSecretHasher"/>) and lookups by <c>client_id</c> served from
/// <see cref="SharedApplicationCache{TApplication}"/> across requests. Hashes OpenIddict made itself are still verified
/// by the base class.
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
    public override async ValueTask<TApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        if (shared.Find(identifier) is { } cached)
        {
            return cached;
        }

        var application = await base.FindByClientIdAsync(identifier, cancellationToken);
        if (application is not null)
        {
            shared.Add(identifier, application);
        }

        return application;
    }

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
