namespace ShoeStore.Agent.Configuration;

/// <summary>Where the assistant's tools come from (<c>--tools</c>).</summary>
internal enum ToolSource
{
    /// <summary>The agent's own tools over the store's REST API (<c>src/ShoeStore.Agent/Tools</c>).</summary>
    Local,

    /// <summary>The store's MCP server's tools (<c>tools/list</c> at <c>/mcp</c>), through the MCP C# client.</summary>
    Mcp,
}
