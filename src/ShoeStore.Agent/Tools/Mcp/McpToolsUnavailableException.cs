namespace ShoeStore.Agent.Tools.Mcp;

/// <summary>The store's MCP tools could not be listed; the message says what to check (no token or secret in it).</summary>
internal sealed class McpToolsUnavailableException(string message, Exception innerException) : Exception(message, innerException);
