using Microsoft.Extensions.AI;

namespace Mandate.AI.Tests.Fakes;

/// <summary>A model whose answers the test sets; records every request it receives.</summary>
internal sealed class TestChatClient : IChatClient
{
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> GetResponseAsyncCallback { get; set; } =
        (_, _, _) => throw new InvalidOperationException("No request was expected.");

    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    public List<ChatOptions?> RequestOptions { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var snapshot = messages.ToList();
        lock (Requests)
        {
            Requests.Add(snapshot);
            RequestOptions.Add(options);
        }

        return GetResponseAsyncCallback(snapshot, options, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The tests use non-streaming responses.");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
