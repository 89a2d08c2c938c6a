using System.Runtime.CompilerServices;
using System.Text.Json;
using Mandate.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mandate.Server.Clients;

/// <summary>
/// Reads client registrations from OpenIddict's application store. A singleton: the application entities are cached
/// across requests (<see cref="SharedApplicationCache{TApplication}"/>), and the <see cref="RegisteredClient"/> read from
/// one is kept with it for as long as the entity lives and its concurrency token (changed by every update) stays the same,
/// so a request for a cached client resolves no OpenIddict manager, store or database context, parses no JWKS or
/// properties, and checks a generated secret with one SHA-256 (<see cref="ClientSecretHasher"/>). A miss reads through
/// OpenIddict's application manager in a scope of its own.
/// </summary>
internal sealed class ClientDirectory(
    SharedApplicationCache<OpenIddictEntityFrameworkCoreApplication> shared, IServiceScopeFactory scopes) : IClientRegistry
{
    private static readonly ConditionalWeakTable<object, Entry> Cache = new();

    /// <summary>Finds a client by <c>client_id</c>.</summary>
    public async ValueTask<RegisteredClient?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        (await FindEntryAsync(clientId, cancellationToken))?.Client;

    /// <summary>Verifies a client secret (RFC 6749 §2.3.1). Unknown clients and clients without a secret fail.</summary>
    public async ValueTask<bool> ValidateSecretAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        if (await FindEntryAsync(clientId, cancellationToken) is not { Confidential: true } entry)
        {
            return false;
        }

        if (ClientSecretHasher.IsHash(entry.SecretHash))
        {
            return ClientSecretHasher.Verify(entry.SecretHash!, secret);
        }

        // A secret OpenIddict hashed itself (a registration made outside Mandate's seeding): its manager verifies it.
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        return await applications.FindByClientIdAsync(clientId, cancellationToken) is { } app
            && await applications.ValidateClientSecretAsync(app, secret, cancellationToken);
    }

    private async ValueTask<Entry?> FindEntryAsync(string clientId, CancellationToken cancellationToken)
    {
        if (shared.Find(clientId) is { } cached && Current(cached, clientId) is { } hit)
        {
            return hit;
        }

        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not OpenIddictEntityFrameworkCoreApplication app)
        {
            return null;
        }

        // Kept once this scope's context is gone: a detached entity, read here only (updates go through a manager's own
        // lookup, which empties the shared cache).
        shared.Add(clientId, app);
        var entry = new Entry(
            app.ConcurrencyToken,
            await ReadAsync(applications, app, clientId, cancellationToken),
            await applications.HasClientTypeAsync(app, ClientTypes.Confidential, cancellationToken),
            app.ClientSecret);
        if (app.ConcurrencyToken is not null)
        {
            Cache.AddOrUpdate(app, entry);
        }

        return entry;
    }

    private static Entry? Current(OpenIddictEntityFrameworkCoreApplication app, string clientId) =>
        app.ConcurrencyToken is { } version && Cache.TryGetValue(app, out var entry)
            && entry.Version == version && entry.Client.ClientId == clientId
            ? entry
            : null;

    private static async ValueTask<RegisteredClient> ReadAsync(
        IOpenIddictApplicationManager applications, object app, string clientId, CancellationToken cancellationToken)
    {
        var permissions = await applications.GetPermissionsAsync(app, cancellationToken);
        var properties = await applications.GetPropertiesAsync(app, cancellationToken);
        return new RegisteredClient
        {
            ClientId = clientId,
            DisplayName = await applications.GetDisplayNameAsync(app, cancellationToken) ?? clientId,
            AllowsCiba = permissions.Contains(Permissions.Prefixes.GrantType + MandateEndpoints.CibaGrantType),
            Permissions = permissions.ToHashSet(StringComparer.Ordinal),
            AllowedScopes = permissions
                .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..])
                .ToHashSet(StringComparer.Ordinal),
            JsonWebKeySet = await applications.GetJsonWebKeySetAsync(app, cancellationToken),
            Resources = properties.TryGetValue(RegisteredClient.ResourcesProperty, out var resources) && resources.ValueKind == JsonValueKind.Array
                ? resources.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(),
            Ciba = new CibaClientSettings
            {
                DeliveryMode = String(properties, CibaClientSettings.DeliveryModeProperty),
                NotificationEndpoint = String(properties, CibaClientSettings.NotificationEndpointProperty) is { } url
                    ? new Uri(url, UriKind.Absolute) : null,
                RequestSigningAlg = String(properties, CibaClientSettings.SigningAlgProperty),
                UserCodeParameter = properties.TryGetValue(CibaClientSettings.UserCodeProperty, out var uc)
                    && uc.ValueKind == JsonValueKind.True,
            },
        };
    }

    /// <summary>A registration as read, with what the secret check needs; the stored hash, never the secret. Not a
    /// record, so that nothing prints it.</summary>
    private sealed class Entry(string? version, RegisteredClient client, bool confidential, string? secretHash)
    {
        public string? Version { get; } = version;

        public RegisteredClient Client { get; } = client;

        public bool Confidential { get; } = confidential;

        public string? SecretHash { get; } = secretHash;
    }

    private static string? String(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
