using System.Text.Json;
using Mandate.Server.Ciba;
using Mandate.Server.Clients;
using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Ping;
using Mandate.Server.Protocol;
using Mandate.Server.Scopes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mandate.Server.Seeding;

/// <summary>
/// The <see cref="IMandateSeeder"/>: applies a <see cref="SeedDocument"/>, creating or updating scopes, users and
/// clients. Invalid entries stop the import with an <see cref="InvalidOperationException"/> that says what to fix
/// (configuration errors fail at start-up).
/// </summary>
internal sealed class SeedImporter(
    MandateDbContext db,
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopeManager,
    IPasswordHasher<UserAccount> hasher,
    DeviceSessionStore deviceSessions,
    LoginHintCache loginHints,
    IOptions<MandateServerOptions> options) : IMandateSeeder
{
    /// <inheritdoc />
    public async Task<bool> HasClientsAsync(CancellationToken cancellationToken) =>
        await applications.CountAsync(cancellationToken) > 0;

    /// <inheritdoc />
    public async Task ImportAsync(SeedDocument seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (seed.Scopes is null || seed.Users is null || seed.Clients is null)
        {
            throw new InvalidOperationException("Invalid seed: scopes, users and clients must be arrays.");
        }

        // All or nothing: an invalid entry leaves the database as it was (inside a caller's transaction, the caller decides).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            foreach (var scope in seed.Scopes)
            {
                await ImportScopeAsync(scope, cancellationToken);
            }

            foreach (var user in seed.Users)
            {
                await ImportUserAsync(user, cancellationToken);
            }

            foreach (var client in seed.Clients)
            {
                await ImportClientAsync(client, cancellationToken);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            // Users may have been disabled or renamed: CIBA resolves their login_hints anew.
            loginHints.Clear();
        }
        catch when (transaction is not null)
        {
            // Rolled back when the transaction is disposed; forget the entities it wrote.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private async Task ImportScopeAsync(SeedScope seed, CancellationToken cancellationToken)
    {
        Require(seed.Name.Length > 0 && !seed.Name.Contains(' ', StringComparison.Ordinal), "every scope needs a name without spaces");
        var descriptor = new OpenIddictScopeDescriptor { Name = seed.Name, Description = seed.Description };
        if (seed.Resource is { Length: > 0 } resource)
        {
            descriptor.Resources.Add(resource);
        }

        if (seed.AccessTokenLifetime is { } seconds)
        {
            Require(seconds is > 0 and <= 86400, "scope '" + seed.Name + "': access_token_lifetime must be 1..86400 seconds");
            descriptor.Properties[ScopeDefinition.LifetimeProperty] = JsonSerializer.SerializeToElement(seconds);
        }

        var existing = await scopeManager.FindByNameAsync(seed.Name, cancellationToken);
        if (existing is null)
        {
            await scopeManager.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await scopeManager.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    private async Task ImportUserAsync(SeedUser seed, CancellationToken cancellationToken)
    {
        Require(seed.Subject.Length is > 0 and <= 100 && seed.Username.Length is > 0 and <= 100, "every user needs a subject and a username");
        Require(await applications.FindByClientIdAsync(seed.Username, cancellationToken) is null
            && await applications.FindByClientIdAsync(seed.Subject, cancellationToken) is null,
            "user '" + seed.Username + "': a username or subject id may not equal a client_id (RFC 9700 §4.15)");
        Require(seed.Password.Length >= 8, "user '" + seed.Username + "': the password must have at least 8 characters");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == seed.Subject, cancellationToken);
        var existing = user is not null;
        if (user is null)
        {
            user = new UserAccount { Id = seed.Subject };
            db.Users.Add(user);
        }

        // The same password keeps its hash (and the user's device sessions); a new one ends every session made before it.
        var check = existing ? hasher.VerifyHashedPassword(user, user.PasswordHash, seed.Password) : PasswordVerificationResult.Failed;
        var passwordChanged = existing && check == PasswordVerificationResult.Failed;
        var endSessions = passwordChanged || (existing && user.Enabled && !seed.Enabled);
        user.Username = seed.Username;
        if (check != PasswordVerificationResult.Success)
        {
            user.PasswordHash = hasher.HashPassword(user, seed.Password);
        }

        user.UserCodeHash = seed.UserCode is { Length: > 0 } code ? hasher.HashPassword(user, code) : null;
        user.Name = seed.Name;
        user.Email = seed.Email;
        user.AddressJson = seed.Address is { ValueKind: JsonValueKind.Object } address ? address.GetRawText() : null;
        user.Enabled = seed.Enabled;
        await db.SaveChangesAsync(cancellationToken);
        if (endSessions)
        {
            await deviceSessions.EndAllAsync(user.Id, cancellationToken);
        }
    }

    private async Task ImportClientAsync(SeedClient seed, CancellationToken cancellationToken)
    {
        var id = seed.ClientId;
        Require(id.Length is > 0 and <= 100, "every client needs a client_id");
        Require(!await db.Users.AnyAsync(u => u.Username == id || u.Id == id, cancellationToken),
            "client '" + id + "': a client_id may not equal a username or subject id (RFC 9700 §4.15)");
        Require(seed.ClientSecret is null || seed.ClientSecret.Length >= ClientSecretHasher.MinimumLength,
            "client '" + id + "': client_secret must have at least 32 characters");
        Require(seed.ClientSecret is not null || seed.Jwks is not null, "client '" + id + "': give a client_secret or jwks");

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = id,
            ClientSecret = seed.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = seed.DisplayName.Length > 0 ? seed.DisplayName : id,
            JsonWebKeySet = seed.Jwks is { ValueKind: JsonValueKind.Object } jwks
                ? new Microsoft.IdentityModel.Tokens.JsonWebKeySet(jwks.GetRawText())
                : null,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        foreach (var grant in seed.GrantTypes)
        {
            Require(grant is GrantTypes.ClientCredentials or MandateEndpoints.CibaGrantType,
                "client '" + id + "': grant_types may hold client_credentials and " + MandateEndpoints.CibaGrantType);
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
        }

        foreach (var scope in seed.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        if (seed.GrantTypes.Contains(MandateEndpoints.CibaGrantType))
        {
            AddCibaSettings(seed, descriptor);
        }

        foreach (var resource in seed.Resources)
        {
            Require(resource.Length is > 0 and <= ResourceIndicator.MaxLength && !resource.Contains('#')
                && (Uri.TryCreate(resource, UriKind.Absolute, out _) || resource.All(c => c is > ' ' and < (char)0x7F)),
                "client '" + id + "': each resource must be an absolute URI without a fragment, or a resource server's name (RFC 8707 §2)");
        }

        if (seed.Resources.Count > 0)
        {
            descriptor.Properties[RegisteredClient.ResourcesProperty] = JsonSerializer.SerializeToElement(seed.Resources.Distinct(StringComparer.Ordinal));
        }

        var existing = await applications.FindByClientIdAsync(id, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    private void AddCibaSettings(SeedClient seed, OpenIddictApplicationDescriptor descriptor)
    {
        var id = seed.ClientId;
        Require(seed.BackchannelTokenDeliveryMode is "poll" or "ping",
            "client '" + id + "': backchannel_token_delivery_mode must be poll or ping (CIBA §4)");
        descriptor.Properties[CibaClientSettings.DeliveryModeProperty] = JsonSerializer.SerializeToElement(seed.BackchannelTokenDeliveryMode);
        if (seed.BackchannelTokenDeliveryMode == "ping")
        {
            Require(Uri.TryCreate(seed.BackchannelClientNotificationEndpoint, UriKind.Absolute, out var endpoint)
                && NotificationEndpointPolicy.IsAllowedUrl(endpoint, options.Value.IsDevelopmentTransport),
                "client '" + id + "': ping needs an https backchannel_client_notification_endpoint on a public address (CIBA §4, §9)");
            descriptor.Properties[CibaClientSettings.NotificationEndpointProperty] = JsonSerializer.SerializeToElement(endpoint!.AbsoluteUri);
        }

        if (seed.BackchannelAuthenticationRequestSigningAlg is { } alg)
        {
            Require(RequestObjectValidator.SupportedAlgorithms.Contains(alg) && seed.Jwks is not null,
                "client '" + id + "': backchannel_authentication_request_signing_alg must be ES256 or PS256, with jwks");
            descriptor.Properties[CibaClientSettings.SigningAlgProperty] = JsonSerializer.SerializeToElement(alg);
        }

        if (seed.BackchannelUserCodeParameter)
        {
            descriptor.Properties[CibaClientSettings.UserCodeProperty] = JsonSerializer.SerializeToElement(true);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Invalid seed: " + message + ".");
        }
    }
}
