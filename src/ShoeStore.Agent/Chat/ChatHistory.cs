using Microsoft.Extensions.AI;

namespace ShoeStore.Agent.Chat;

/// <summary>
/// The conversation, bounded: at most <c>limit</c> messages after the system prompt; older turns are dropped whole
/// (from a user message to the next), so a tool result never loses the call it answers.
/// </summary>
internal sealed class ChatHistory(string systemPrompt, int limit)
{
    private readonly List<ChatMessage> _messages = [];

    /// <summary>The messages to send: the system prompt, then the conversation.</summary>
    public IReadOnlyList<ChatMessage> Messages => [new ChatMessage(ChatRole.System, systemPrompt), .. _messages];

    public int Count => _messages.Count;

    /// <summary>Where the conversation stands, to roll a failed turn back.</summary>
    public int Mark() => _messages.Count;

    public void RollBack(int mark)
    {
        if (mark < _messages.Count)
        {
            _messages.RemoveRange(mark, _messages.Count - mark);
        }
    }

    public void Add(ChatMessage message) => _messages.Add(message);

    public void AddRange(IEnumerable<ChatMessage> messages)
    {
        _messages.AddRange(messages);
        Trim();
    }

    private void Trim()
    {
        // Each pass drops the oldest turn; there are never more passes than messages.
        for (var pass = 0; pass < limit && _messages.Count > limit; pass++)
        {
            var nextTurn = _messages.FindIndex(1, m => m.Role == ChatRole.User);
            if (nextTurn < 0)
            {
                // One turn longer than the limit: keep it whole rather than split a call from its result.
                return;
            }

            _messages.RemoveRange(0, nextTurn);
        }
    }
}
