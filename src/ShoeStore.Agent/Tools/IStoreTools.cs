using Microsoft.Extensions.AI;

namespace ShoeStore.Agent.Tools;

/// <summary>
/// The assistant's tools, named as in the tutorial (<see cref="ToolNames"/>): the local ones over the store's REST API
/// (<see cref="ShoeStoreTools"/>, <c>--tools local</c>) or the store's MCP server's (<see cref="Mcp.McpStoreTools"/>,
/// <c>--tools mcp</c>). Either way the results are the same JSON (<see cref="StoreToolResults"/>).
/// </summary>
internal interface IStoreTools
{
    /// <summary>The tools, for <see cref="ChatOptions.Tools"/>.</summary>
    IReadOnlyList<AIFunction> All { get; }
}
