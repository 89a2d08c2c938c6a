using Microsoft.Extensions.AI;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// A model that asks for one tool call, then answers with that call's result as its text: enough to drive a tool through
/// the Microsoft.Extensions.AI pipeline (tool authorization, function invocation) without the planner's phrasing.
/// </summary>
internal sealed class OneToolCallModel(string tool, IDictionary<string, object?> arguments) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault();
        var answer = result is null
            ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", tool, arguments)])
            : new ChatMessage(ChatRole.Assistant, result.Result?.ToString() ?? "");
        return Task.FromResult(new ChatResponse(answer));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not streamed.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
