using System.Text.Json;

namespace ShoeStore.Api.Mcp;

/// <summary>
/// Finds the tools a Streamable HTTP POST body calls, before the MCP handler runs, so a missing scope is answered
/// with HTTP 403 (MCP 2025-11-25, Authorization, "Scope Challenge Handling") rather than inside the JSON-RPC answer.
/// Reads only <c>method</c> and <c>params.name</c> of a JSON-RPC request (JSON-RPC 2.0 §4) or of each member of a
/// batch; anything else is left to the MCP handler, which answers malformed messages with JSON-RPC errors.
/// </summary>
internal static class McpToolCallReader
{
    /// <summary>The JSON-RPC method of a tool call (MCP 2025-11-25, Server Features, Tools, "Calling Tools").</summary>
    public const string ToolsCall = "tools/call";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>The names of the tools <paramref name="body"/> calls; empty when it calls none or is not JSON.</summary>
    public static IReadOnlyList<string> ToolNames(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            return [];
        }

        using (document)
        {
            var root = document.RootElement;
            var names = new List<string>();
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in root.EnumerateArray())
                {
                    AddToolName(message, names);
                }
            }
            else
            {
                AddToolName(root, names);
            }

            return names;
        }
    }

    private static void AddToolName(JsonElement message, List<string> names)
    {
        if (message.ValueKind == JsonValueKind.Object &&
            message.TryGetProperty("method", out var method) && method.ValueEquals(ToolsCall) &&
            message.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object &&
            parameters.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            names.Add(name.GetString()!);
        }
    }
}
