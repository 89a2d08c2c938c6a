using System.Text.Json;

namespace ShoeStore.Demo.Tests.LanguageModel;

/// <summary>What the fake model answers to one request: tool calls (name and JSON arguments), or a final text.</summary>
internal sealed record ScriptedReply(IReadOnlyList<(string Name, string Arguments)> ToolCalls, string? Text)
{
    /// <summary>One tool call; <paramref name="arguments"/> is serialized to JSON as a model would write it.</summary>
    public static ScriptedReply Call(string name, object arguments) => new([(name, JsonSerializer.Serialize(arguments))], null);

    /// <summary>The final answer of the turn.</summary>
    public static ScriptedReply Say(string text) => new([], text);
}
