using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;
using ShoeStore.Agent.Store;

namespace ShoeStore.Agent.Tools.Mcp;

/// <summary>
/// Reads a store MCP tool's result (docs/mcp.md, "Tools") as the REST client reads an answer: a success's text content
/// is exactly the REST API's body; an <c>isError</c> result's text is an RFC 9457 problem with the REST API's
/// <c>type</c> URIs. Anything else is a problem, never an exception.
/// </summary>
internal static class McpToolResultReader
{
    public static StoreResponse<T> Read<T>(CallToolResult result, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text;
        if (result.IsError == true)
        {
            return StoreResponse<T>.Failure(Problem(text));
        }

        try
        {
            return text is not null && JsonSerializer.Deserialize(text, type) is { } value
                ? StoreResponse<T>.Success(value)
                : StoreResponse<T>.Failure(Unexpected());
        }
        catch (JsonException)
        {
            return StoreResponse<T>.Failure(Unexpected());
        }
    }

    /// <summary>The problem for a failure to reach the MCP server (as the REST client's status 0).</summary>
    public static StoreProblem Unavailable() => new(0, null, "Store unavailable", null, null, null);

    private static StoreProblem Problem(string? text)
    {
        ProblemBody? body = null;
        try
        {
            body = text is null ? null : JsonSerializer.Deserialize(text, StoreJsonContext.Default.ProblemBody);
        }
        catch (JsonException)
        {
            body = null;
        }

        return body is null
            ? new StoreProblem(0, null, "Tool error", "The store's tool failed without saying why.", null, null)
            : new StoreProblem(body.Status ?? 0, body.Type, body.Title, body.Detail, body.Errors, null);
    }

    private static StoreProblem Unexpected() =>
        new(0, null, "Unexpected answer", "The store's tool answered with something that is not the expected JSON.", null, null);
}
