using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Mandate.Server.Scopes;

/// <summary>
/// The registered scopes, read once from OpenIddict's scope store and kept in memory, so that a token request
/// costs no scope query. <see cref="ReloadAsync"/> is called after seeding.
/// </summary>
internal sealed class ScopeCatalog(IServiceScopeFactory scopes)
{
    private FrozenDictionary<string, ScopeDefinition> _byName = FrozenDictionary<string, ScopeDefinition>.Empty;

    /// <summary>Default lifetime for scopes without an explicit one.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>All scopes.</summary>
    public IReadOnlyCollection<ScopeDefinition> All => _byName.Values;

    /// <summary>Finds a scope.</summary>
    public ScopeDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Reloads the catalogue from the store.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        var list = new Dictionary<string, ScopeDefinition>(StringComparer.Ordinal);
        await foreach (var entity in manager.ListAsync(count: null, offset: null, cancellationToken))
        {
            var name = await manager.GetNameAsync(entity, cancellationToken);
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var resources = await manager.GetResourcesAsync(entity, cancellationToken);
            var properties = await manager.GetPropertiesAsync(entity, cancellationToken);
            var lifetime = properties.TryGetValue(ScopeDefinition.LifetimeProperty, out var value)
                && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : DefaultLifetime;
            list[name] = new ScopeDefinition(
                name,
                await manager.GetDescriptionAsync(entity, cancellationToken) ?? name,
                resources.IsDefaultOrEmpty ? null : resources[0],
                lifetime);
        }

        _byName = list.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
