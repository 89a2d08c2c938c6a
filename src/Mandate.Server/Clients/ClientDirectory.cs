using System.Text.Json;
using Mandate.Server.Configuration;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mandate.Server.Clients;

/// <summary>Reads client registrations from OpenIddict's application store (cached by OpenIddict).</summary>
public sealed class ClientDirectory(IOpenIddictApplicationManager applications) : IClientRegistry
{
    /// <summary>Finds a client by <c>client_id</c>.</summary>
    public async ValueTask<RegisteredClient?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var app = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (app is null)
        {
            return null;
        }

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

    private static string? String(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
