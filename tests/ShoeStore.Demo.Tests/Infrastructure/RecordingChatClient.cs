using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ShoeStore.Demo.Tests.Infrastructure;

/// <summary>
/// Sits in front of the model (the offline planner) and keeps everything the model is sent — every message of every
/// request, with tool calls and tool results, serialized — and everything it answers.
/// </summary>
internal sealed class RecordingChatClient(IChatClient model) : DelegatingChatClient(model)
{
    private readonly ConcurrentQueue<string> _seen = new();

    /// <summary>Each request's messages and each response, as JSON.</summary>
    public IReadOnlyCollection<string> Seen => _seen;

    /// <summary>How many requests reached the model.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private int _requests;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Interlocked.Increment(ref _requests);
        _seen.Enqueue(JsonSerializer.Serialize(list, AIJsonUtilities.DefaultOptions));
        var response = await base.GetResponseAsync(list, options, cancellationToken);
        _seen.Enqueue(JsonSerializer.Serialize(response.Messages, AIJsonUtilities.DefaultOptions));
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The agent does not stream.");
}
