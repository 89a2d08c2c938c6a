using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using ShoeStore.Api.Mcp.Tools;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Mcp;

/// <summary>
/// Decides a <c>tools/call</c> before the MCP handler runs: reads the POST body (bounded, then rewound for the
/// handler), finds the tools it calls (<see cref="McpToolCallReader"/>) and applies each tool's declared
/// <see cref="StoreAccessRule"/> to the token. A refusal becomes HTTP 403 <c>insufficient_scope</c> with the scopes
/// the call needs and <c>resource_metadata</c> (MCP 2025-11-25, Authorization, "Scope Challenge Handling";
/// RFC 6750 §3.1; RFC 9728 §5.1), through <see cref="BearerAuthorizationResultHandler"/>. The tools apply the same
/// rule again when they run, so a body this reader cannot parse gains nothing.
/// </summary>
internal sealed class McpToolAccessHandler(StoreToolCatalog tools, IOptions<ShoeStoreOptions> options)
    : AuthorizationHandler<McpToolAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, McpToolAccessRequirement requirement)
    {
        // Without validated claims the caller is not authenticated: leave the requirement unmet, the caller is challenged.
        if (context.Resource is not HttpContext http || http.Features.Get<AccessTokenClaims>() is not { } token)
        {
            return;
        }

        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasJsonContentType())
        {
            context.Succeed(requirement);
            return;
        }

        var body = await ReadBodyAsync(http.Request, options.Value.MaxRequestBodyBytes);
        var refusals = McpToolCallReader.ToolNames(body)
            .Select(name => tools.Find(name)?.Access?.Evaluate(token))
            .Where(decision => decision is { IsAllowed: false })
            .ToList();
        if (refusals.Count == 0)
        {
            context.Succeed(requirement);
            return;
        }

        var scopes = string.Join(' ', refusals.Select(r => r!.Scope).Distinct(StringComparer.Ordinal));
        context.Fail(new StoreAccessFailureReason(this, scopes, refusals[0]!.Description!));
    }

    /// <summary>At most <paramref name="limit"/> bytes of the body, which is left rewound; empty when it is longer.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        request.EnableBuffering(bufferThreshold: limit);
        var buffer = new byte[limit + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length &&
                (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
            {
                length += read;
            }
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException)
        {
            // Too large, or the client went away: the MCP handler meets the same body and answers it.
            return ReadOnlyMemory<byte>.Empty;
        }
        finally
        {
            request.Body.Position = 0;
        }

        return length > limit ? ReadOnlyMemory<byte>.Empty : buffer.AsMemory(0, length);
    }
}
