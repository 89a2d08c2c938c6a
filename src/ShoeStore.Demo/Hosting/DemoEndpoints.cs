namespace ShoeStore.Demo.Hosting;

/// <summary>Where the running demo answers: the authorization server (issuer, endpoints, device page) and the store.</summary>
/// <param name="ServerUrl">The authorization server's origin.</param>
/// <param name="Issuer">The issuer identifier (no trailing slash); the OAuth endpoints live under it.</param>
/// <param name="StoreUrl">The store API's origin.</param>
internal sealed record DemoEndpoints(Uri ServerUrl, string Issuer, Uri StoreUrl)
{
    /// <summary>The issuer path of PingOne Advanced Identity Cloud's layout, under the server's origin.</summary>
    public const string IssuerPath = "/am/oauth2/realms/root/realms/alpha";

    /// <summary>
    /// The store's MCP server (docs/mcp.md), which is also its resource identifier (RFC 8707): tokens for it carry it as
    /// <c>aud</c>, the store takes it as <c>ShoeStore:McpResource</c>, the server registers it for the agent.
    /// </summary>
    public string McpResource { get; init; } = Origin(StoreUrl) + "/mcp";

    /// <summary>The token endpoint (docs/server.md: <c>/access_token</c> under the issuer).</summary>
    public string TokenEndpoint => Issuer + "/access_token";

    /// <summary>The backchannel authentication endpoint (<c>/bc-authorize</c> under the issuer).</summary>
    public string BackchannelAuthenticationEndpoint => Issuer + "/bc-authorize";

    /// <summary>The discovery document as this process reaches it (on the server's own origin).</summary>
    public Uri DiscoveryUrl => new(Origin(ServerUrl) + new Uri(Issuer).AbsolutePath.TrimEnd('/') + "/.well-known/openid-configuration");

    /// <summary>The person's approval page, on <c>localhost</c> when the server listens on a loopback address: WebAuthn
    /// refuses an IP address as relying-party id, so passkeys work only there (docs/device.md "Passkeys").</summary>
    public Uri DeviceUrl => new(Origin(ServerUrl.IsLoopback && ServerUrl.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        ? new UriBuilder(ServerUrl) { Host = "localhost" }.Uri
        : ServerUrl) + "/device");

    /// <summary>The default issuer for a server origin.</summary>
    public static string DefaultIssuer(Uri serverUrl) => Origin(serverUrl) + IssuerPath;

    /// <summary>scheme://host:port without a trailing slash.</summary>
    public static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
