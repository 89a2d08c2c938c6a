using System.Text.Json.Serialization;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Mcp;

/// <summary>
/// The MCP server's OAuth 2.0 Protected Resource Metadata (RFC 9728 §2), served at
/// <c>/.well-known/oauth-protected-resource/mcp</c> (§3.1). MCP 2025-11-25, Authorization, "Authorization Server
/// Location": MCP servers MUST implement it, and its <c>authorization_servers</c> MUST name at least one server.
/// </summary>
/// <param name="Resource">REQUIRED (§2): the resource identifier; equal to the URL the metadata was found for (§3.3).</param>
/// <param name="AuthorizationServers">OPTIONAL in RFC 9728, REQUIRED by MCP: the issuers whose tokens this resource accepts.</param>
/// <param name="ScopesSupported">RECOMMENDED: the scopes tools may need (each tool's own are in its <c>_meta</c>).</param>
/// <param name="BearerMethodsSupported">OPTIONAL: <c>header</c> only (RFC 6750 §2.1; §2.2–2.3 are refused).</param>
/// <param name="ResourceName">RECOMMENDED: a human-readable name.</param>
internal sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] IReadOnlyList<string> AuthorizationServers,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported,
    [property: JsonPropertyName("resource_name")] string ResourceName)
{
    /// <summary>The document for <paramref name="mcp"/>, trusting the issuer <paramref name="authority"/>.</summary>
    public static ProtectedResourceMetadata For(McpResource mcp, string authority) => new(
        mcp.Identifier,
        [authority],
        [StoreScopes.Prices, StoreScopes.Address, StoreScopes.Payment],
        ["header"],
        "Shoe store MCP server");
}
