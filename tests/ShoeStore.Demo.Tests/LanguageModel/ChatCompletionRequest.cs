using System.Text.Json;

namespace ShoeStore.Demo.Tests.LanguageModel;

/// <summary>
/// A <c>POST /v1/chat/completions</c> body as the fake model received it, with the lookups a script needs: the offered
/// tools, and what a tool returned (matched to the assistant's call by <c>tool_call_id</c>).
/// </summary>
internal sealed class ChatCompletionRequest(JsonElement body)
{
    public JsonElement Body { get; } = body;

    public string? Model => Body.TryGetProperty("model", out var model) ? model.GetString() : null;

    public bool Streams => Body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;

    public IReadOnlyList<JsonElement> Messages => [.. Body.GetProperty("messages").EnumerateArray()];

    /// <summary>The names of the functions offered in <c>tools</c>.</summary>
    public IReadOnlyList<string> ToolNames => Body.TryGetProperty("tools", out var tools)
        ? [.. tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)]
        : [];

    public string LastRole => Messages[^1].GetProperty("role").GetString()!;

    /// <summary>The text of the latest user message.</summary>
    public string LastUserText => Text(Messages.Last(m => m.GetProperty("role").GetString() == "user"));

    /// <summary>The latest result of <paramref name="tool"/> in the conversation, parsed as JSON; fails when there is none.</summary>
    public JsonElement ToolResult(string tool)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonElement? latest = null;
        foreach (var message in Messages)
        {
            if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    names[call.GetProperty("id").GetString()!] = call.GetProperty("function").GetProperty("name").GetString()!;
                }
            }

            if (message.GetProperty("role").GetString() == "tool"
                && names.GetValueOrDefault(message.GetProperty("tool_call_id").GetString()!) == tool)
            {
                using var document = JsonDocument.Parse(Text(message));
                latest = document.RootElement.Clone();
            }
        }

        Assert.True(latest.HasValue, $"the model was sent no {tool} result");
        return latest.Value;
    }

    /// <summary>A message's content: a string, or the text of its parts.</summary>
    private static string Text(JsonElement message) =>
        message.GetProperty("content") is { ValueKind: JsonValueKind.String } text
            ? text.GetString()!
            : string.Concat(message.GetProperty("content").EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));
}
