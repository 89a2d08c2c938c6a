using System.Runtime.CompilerServices;
using System.Text.Json;
using Mandate.Server.Configuration;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mandate.Server.Clients;

/// <summary>
/// Reads client registrations from OpenIddict's application store. The application entities are cached across requests
/// (<see cref="SharedApplicationCache{TApplication}"/>); the <see cref="RegisteredClient"/> read from one is kept with it
/// for as long as the entity lives and its concurrency token (changed by every update) stays the same, so that a token
/// request does not parse the client's JWKS and properties again.
/// </summary>
internal sealed class ClientDirectory(IOpenIddictApplicationManager applications) : IClientRegistry
{
    private static readonly ConditionalWeakTable<object, Built> Cache = new();

    /// <summary>Finds a client by <c>client_id</c>.</summary>
    public async ValueTask<RegisteredClient?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var app = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (app is null)
        {
            return null;
        }

        var version = (app as OpenIddictEntityFrameworkCoreApplication)?.ConcurrencyToken;
        if (version is not null && Cache.TryGetValue(app, out var built) && built.Version == version && built.Client.ClientId == clientId)
        {
            return built.Client;
        }

        var client = await ReadAsync(app, clientId, cancellationToken);
        if (version is not null)
        {
            Cache.AddOrUpdate(app, new Built(version, client));
        }

        return client;
    }

    private async ValueTask<RegisteredClient> ReadAsync(object app, string clientId, CancellationToken cancellationToken)
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

    /// <summary>Verifies a client secret (RFC 6749 §2.3.1). Unknown clients and clients without a secret fail.</summary>
    public async ValueTask<bool> ValidateSecretAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        var app = await applications.FindByClientIdAsync(clientId, cancellationToken);
        return app is not null
            && await applications.HasClientTypeAsync(app, ClientTypes.Confidential, cancellationToken)
            && await applications.ValidateClientSecretAsync(app, secret, cancellationToken);
    }

    private sealed record Built(string Version, RegisteredClient Client);

    private static string? String(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
