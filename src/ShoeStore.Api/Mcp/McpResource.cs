using Microsoft.Extensions.Options;

namespace ShoeStore.Api.Mcp;

/// <summary>
/// The MCP server as an OAuth protected resource: its resource identifier (<c>ShoeStore:McpResource</c>), the path
/// it is served at, and where its Protected Resource Metadata lives (RFC 9728 §3.1: the well-known suffix goes
/// between the host and the resource's path).
/// </summary>
internal sealed class McpResource
{
    /// <summary>RFC 9728 §3: the well-known URI suffix.</summary>
    public const string WellKnownPrefix = "/.well-known/oauth-protected-resource";

    public McpResource(IOptions<ShoeStoreOptions> options)
        : this(options.Value.McpResource)
    {
    }

    public McpResource(string resource)
    {
        var uri = new Uri(resource, UriKind.Absolute);
        Identifier = resource;
        Path = new PathString(uri.AbsolutePath.TrimEnd('/'));
        MetadataPath = new PathString(WellKnownPrefix + Path.Value);
        MetadataUrl = uri.GetLeftPart(UriPartial.Authority) + MetadataPath.Value;
    }

    /// <summary>The resource identifier, exactly as configured: the <c>aud</c> tokens must carry here.</summary>
    public string Identifier { get; }

    /// <summary>Where the Streamable HTTP endpoint is mapped, e.g. <c>/mcp</c>.</summary>
    public PathString Path { get; }

    /// <summary>Where the metadata document is served, e.g. <c>/.well-known/oauth-protected-resource/mcp</c>.</summary>
    public PathString MetadataPath { get; }

    /// <summary>The metadata document's absolute URL: the <c>resource_metadata</c> of challenges (RFC 9728 §5.1).</summary>
    public string MetadataUrl { get; }

    /// <summary>Whether <paramref name="request"/> is for the MCP endpoint (its path or below).</summary>
    public bool Serves(HttpRequest request) => request.Path.StartsWithSegments(Path);

    /// <summary>Why <paramref name="resource"/> cannot be the MCP resource identifier, or null when it can.</summary>
    public static string? Problem(string? resource, string restAudience)
    {
        if (!Uri.TryCreate(resource, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ||
            uri.Fragment.Length > 0 || uri.Query.Length > 0 || uri.AbsolutePath.Trim('/').Length == 0)
        {
            // RFC 8707 §2: an absolute URI without a fragment (and, SHOULD, without a query); a path keeps it apart
            // from the REST endpoints at the root.
            return "ShoeStore:McpResource must be the absolute http(s) URL of the MCP endpoint, with a path and no " +
                "query or fragment (env ShoeStore__McpResource), e.g. http://127.0.0.1:5200/mcp.";
        }

        return string.Equals(resource, restAudience, StringComparison.Ordinal)
            ? "ShoeStore:McpResource must differ from ShoeStore:Audience: the MCP server and the REST API are separate audiences."
            : null;
    }
}
