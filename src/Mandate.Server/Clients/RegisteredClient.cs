using Microsoft.IdentityModel.Tokens;

namespace Mandate.Server.Clients;

/// <summary>What the CIBA logic needs to know about an authenticated client.</summary>
public sealed record RegisteredClient
{
    /// <summary>The <c>client_id</c>.</summary>
    public required string ClientId { get; init; }

    /// <summary>Name shown on the user's device.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Whether the client may use the CIBA grant.</summary>
    public required bool AllowsCiba { get; init; }

    /// <summary>Scopes the client may request.</summary>
    public required IReadOnlySet<string> AllowedScopes { get; init; }

    /// <summary>The client's public keys (request objects, <c>private_key_jwt</c>).</summary>
    public JsonWebKeySet? JsonWebKeySet { get; init; }

    /// <summary>CIBA registration metadata.</summary>
    public required CibaClientSettings Ciba { get; init; }
}
