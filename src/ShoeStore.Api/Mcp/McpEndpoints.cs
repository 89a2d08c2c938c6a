using Microsoft.Extensions.Options;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Mcp;

/// <summary>
/// The MCP server's endpoints: Streamable HTTP at the resource's path (MCP 2025-11-25, Transports) behind the
/// <see cref="StorePolicies.Mcp"/> policy, and its Protected Resource Metadata (RFC 9728 §3), which is public.
/// </summary>
internal static class McpEndpoints
{
    public static void MapStoreMcp(this IEndpointRouteBuilder routes)
    {
        var mcp = routes.ServiceProvider.GetRequiredService<McpResource>();
        routes.MapGet(mcp.MetadataPath, (IOptions<ShoeStoreOptions> options, HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=3600";
                return TypedResults.Json(ProtectedResourceMetadata.For(mcp, options.Value.Authority));
            })
            .AllowAnonymous()
            .WithName("mcpProtectedResourceMetadata");
        routes.MapMcp(mcp.Path).RequireAuthorization(StorePolicies.Mcp);
    }
}
