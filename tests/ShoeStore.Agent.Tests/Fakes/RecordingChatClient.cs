using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ShoeStore.Agent.Tests.Fakes;

/// <summary>Passes requests to a model and keeps, as text, everything the model was sent.</summary>
internal sealed class RecordingChatClient(IChatClient model) : DelegatingChatClient(model)
{
    private readonly List<string> _sent = [];

    public string Sent
    {
        get
        {
            lock (_sent)
            {
                return string.Join('\n', _sent);
            }
        }
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (_sent)
        {
            _sent.AddRange(list.SelectMany(m => m.Contents).Select(c => c switch
            {
                TextContent text => text.Text,
                FunctionCallContent call => JsonSerializer.Serialize(call.Arguments),
                FunctionResultContent result => JsonSerializer.Serialize(result.Result),
                _ => c.ToString() ?? "",
            }));
        }

        return base.GetResponseAsync(list, options, cancellationToken);
    }
}
