using Microsoft.Extensions.AI;

namespace InvoiceAgent.Tests;

/// <summary>A model that asks to pay one invoice, then repeats what the tool answered.</summary>
internal sealed class ScriptedModel(string invoiceId) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault();
        var reply = result is null
            ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", InvoiceTools.PayInvoice, new Dictionary<string, object?> { ["invoiceId"] = invoiceId })])
            : new ChatMessage(ChatRole.Assistant, result.Result?.ToString());
        return Task.FromResult(new ChatResponse(reply));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
