namespace ShoeStore.Api;

/// <summary>The store's settings, bound from the <c>ShoeStore</c> configuration section (env <c>ShoeStore__…</c>).</summary>
internal sealed class ShoeStoreOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "ShoeStore";

    /// <summary>
    /// The authorization server's issuer identifier. Tokens must carry exactly this <c>iss</c> (RFC 9068 §4);
    /// discovery is read from <c>{Authority}/.well-known/openid-configuration</c>.
    /// </summary>
    public string Authority { get; set; } = "";

    /// <summary>This API's audience: tokens must name it in <c>aud</c> (RFC 9068 §4, RFC 8725 §3.9).</summary>
    public string Audience { get; set; } = "shoestore-api";

    /// <summary>
    /// The MCP server's resource identifier (RFC 8707 §2; RFC 9728 §2 <c>resource</c>): the absolute URL of the
    /// Streamable HTTP endpoint, which is served at this URL's path. Tokens at that endpoint must name it in
    /// <c>aud</c> (MCP 2025-11-25, Authorization, "Token Audience Binding and Validation").
    /// </summary>
    public string McpResource { get; set; } = "http://127.0.0.1:5200/mcp";

    /// <summary>Folder of the default SQLite database, used when <c>ConnectionStrings:ShoeStore</c> is not set.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// <c>Sqlite</c> or <c>PostgreSql</c>. Empty (the default): follow <c>ConnectionStrings:ShoeStore</c> — a connection
    /// string with <c>Host=</c> is PostgreSQL, anything else (or nothing) SQLite.
    /// </summary>
    public string? DatabaseProvider { get; set; }

    /// <summary>
    /// PostgreSQL only: the most database connections this instance opens at once (Npgsql <c>Maximum Pool Size</c>,
    /// default 20; Npgsql's own default is 100). A request that finds them all busy waits for one, up to the connection
    /// string's <c>Timeout</c>. A <c>Maximum Pool Size</c> in <c>ConnectionStrings:ShoeStore</c> wins over this setting.
    /// </summary>
    public int DatabaseMaxPoolSize { get; set; } = PostgreSqlPoolSize.Default;

    /// <summary>
    /// Whether discovery and JWKS must be fetched over HTTPS. Plain HTTP is allowed to a loopback authority
    /// only; set this to false to allow it elsewhere (never in production).
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024;
}
