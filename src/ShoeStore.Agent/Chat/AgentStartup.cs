using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Tools.Mcp;

namespace ShoeStore.Agent.Chat;

/// <summary>What runs between composing the agent and its first message.</summary>
internal static class AgentStartup
{
    /// <summary>
    /// With <c>--tools mcp</c>, connects to the store's MCP server and lists its tools, so that the chat offers them and
    /// their published access joins the tool policies (before those are first read). Nothing with local tools.
    /// </summary>
    /// <exception cref="McpToolsUnavailableException">The MCP server could not be used; the message says what to check.</exception>
    public static async Task ConnectToolsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<McpStoreTools>() is { } mcp)
        {
            await mcp.ConnectAsync(cancellationToken);
        }
    }
}
