using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Clients;

/// <summary>What the CIBA logic needs to know about an authenticated client.</summary>
internal sealed record RegisteredClient
{
    /// <summary>The application property that holds <see cref="Resources"/> (a JSON array of strings).</summary>
    public const string ResourcesProperty = "resources";

    /// <summary>The <c>client_id</c>.</summary>
    public required string ClientId { get; init; }

    /// <summary>Name shown on the user's device.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Whether the client may use the CIBA grant.</summary>
    public required bool AllowsCiba { get; init; }

    /// <summary>Scopes the client may request.</summary>
    public required IReadOnlySet<string> AllowedScopes { get; init; }

    /// <summary>Resources the client may name as a token's audience (RFC 8707 <c>resource</c>).</summary>
    public IReadOnlySet<string> Resources { get; init; } = new HashSet<string>();

    /// <summary>The client's public keys (request objects, <c>private_key_jwt</c>).</summary>
    public JsonWebKeySet? JsonWebKeySet { get; init; }

    /// <summary>The client's OpenIddict permissions (<c>ept:</c> endpoints, <c>gt:</c> grant types, <c>scp:</c> scopes).</summary>
    public IReadOnlySet<string> Permissions { get; init; } = new HashSet<string>();

    /// <summary>Whether the client may use the grant type (permission <c>gt:</c> + the grant type).</summary>
    public bool AllowsGrantType(string grantType) => Permissions.Contains("gt:" + grantType);

    /// <summary>Whether the client may call the endpoint (permission <c>ept:</c> + the endpoint, e.g. <c>token</c>).</summary>
    public bool AllowsEndpoint(string endpoint) => Permissions.Contains("ept:" + endpoint);

    /// <summary>CIBA registration metadata.</summary>
    public required CibaClientSettings Ciba { get; init; }
}
