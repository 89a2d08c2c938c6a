using System.Text.Json;

namespace Mandate.Server.Seeding;

/// <summary>A client in a seed file.</summary>
public sealed class SeedClient
{
    /// <summary><c>client_id</c>; may not equal a username or subject (RFC 9700 §4.15.1).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Name shown on the device.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Client secret (at least 32 characters); omit for <c>private_key_jwt</c>-only clients.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Public keys (JWKS) for request objects and <c>private_key_jwt</c>.</summary>
    public JsonElement? Jwks { get; set; }

    /// <summary><c>client_credentials</c> and/or <c>urn:openid:params:grant-type:ciba</c>.</summary>
    public List<string> GrantTypes { get; set; } = [];

    /// <summary>Allowed scopes.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Resources the client may ask tokens for with RFC 8707 <c>resource</c> (the token's <c>aud</c>): absolute
    /// URIs without a fragment, or the name of a resource server a scope names (e.g. <c>shoestore-api</c>).</summary>
    public List<string> Resources { get; set; } = [];

    /// <summary><c>poll</c> or <c>ping</c> (required with the CIBA grant).</summary>
    public string? BackchannelTokenDeliveryMode { get; set; }

    /// <summary>Ping callback URL (HTTPS; loopback HTTP in development).</summary>
    public string? BackchannelClientNotificationEndpoint { get; set; }

    /// <summary>When set (ES256 or PS256), authentication requests must be signed request objects.</summary>
    public string? BackchannelAuthenticationRequestSigningAlg { get; set; }

    /// <summary>Whether the client sends <c>user_code</c>.</summary>
    public bool BackchannelUserCodeParameter { get; set; }
}
