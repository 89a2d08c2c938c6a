using Microsoft.Extensions.AI;
using ShoeStore.Agent.Chat;

namespace ShoeStore.Agent.Tests.Chat;

public sealed class ChatHistoryTests
{
    [Fact]
    public void AddRange_OverTheLimit_DropsWholeOldTurnsAndKeepsTheSystemPrompt()
    {
        var history = new ChatHistory("system", limit: 6);

        for (var turn = 0; turn < 4; turn++)
        {
            history.Add(new ChatMessage(ChatRole.User, $"user {turn}"));
            history.AddRange(
            [
                new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"c{turn}", "getProducts")]),
                new ChatMessage(ChatRole.Tool, [new FunctionResultContent($"c{turn}", "{}")]),
                new ChatMessage(ChatRole.Assistant, $"reply {turn}"),
            ]);
        }

        var messages = history.Messages;
        Assert.Equal("system", messages[0].Text);
        Assert.Equal(ChatRole.User, messages[1].Role);
        Assert.Equal("user 3", messages[1].Text);
        Assert.Equal(5, messages.Count);
    }

    [Fact]
    public void RollBack_RemovesWhatWasAddedSinceTheMark()
    {
        var history = new ChatHistory("system", limit: 10);
        history.Add(new ChatMessage(ChatRole.User, "kept"));
        var mark = history.Mark();
        history.Add(new ChatMessage(ChatRole.User, "dropped"));

        history.RollBack(mark);

        Assert.Equal(["system", "kept"], history.Messages.Select(m => m.Text));
    }
}
