using System.ClientModel;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Chat;

/// <summary>
/// One conversation with the assistant: sends the history and the tools through the chat pipeline (tool
/// authorization and function invocation live there), keeps the answer. The loop knows nothing about OAuth.
/// </summary>
internal sealed class ChatSession(IChatClient chat, IStoreTools tools, ChatHistory history)
{
    private readonly ChatOptions _options = new() { Tools = [.. tools.All], ToolMode = ChatToolMode.Auto, AllowMultipleToolCalls = true };
    private readonly ConcurrentQueue<string> _notes = new();

    public ChatHistory History => history;

    /// <summary>
    /// Adds what the assistant told the customer outside a turn (a purchase resumed after a restart) to the history,
    /// before the next message, so that the model knows. Safe from any thread.
    /// </summary>
    public void AddNote(string text) => _notes.Enqueue(text);

    /// <summary>
    /// Sends one user message and returns the reply. Cancelling (Ctrl+C while an approval is pending) abandons the
    /// turn: it leaves no trace in the history.
    /// </summary>
    public async Task<string> SendAsync(string userMessage, CancellationToken cancellationToken)
    {
        while (_notes.TryDequeue(out var note))
        {
            history.Add(new ChatMessage(ChatRole.Assistant, note));
        }

        var mark = history.Mark();
        history.Add(new ChatMessage(ChatRole.User, userMessage));
        try
        {
            var response = await chat.GetResponseAsync(history.Messages, _options, cancellationToken);
            history.AddRange(response.Messages);
            return string.IsNullOrWhiteSpace(response.Text) ? "(The assistant gave no answer.)" : response.Text.Trim();
        }
        catch (OperationCanceledException)
        {
            history.RollBack(mark);
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or ClientResultException)
        {
            history.RollBack(mark);
            return "The language model could not be reached, so nothing was done. Check OPENAI_BASE_URL, OPENAI_MODEL and OPENAI_API_KEY.";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A fault in the model client must not end the conversation: the turn is dropped and the customer can go on.
            // Tool faults never get here (the function invoker hands them to the model as results).
            history.RollBack(mark);
            return $"Something went wrong on my side ({exception.GetType().Name}), so nothing was done. Please try again.";
        }
    }
}
