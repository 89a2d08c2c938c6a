using Microsoft.Extensions.AI;
using ShoeStore.Agent.Chat;
using ShoeStore.Agent.Offline;
using ShoeStore.Agent.Store;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Tests.Chat;

public sealed class ChatSessionTests
{
    [Fact]
    public async Task ModelClientFault_EndsOnlyThatTurn_WithAReplyAndNoTraceInTheHistory()
    {
        var model = new FaultOnceChatClient(new OfflinePlanner());
        var history = new ChatHistory("system", 40);
        var session = new ChatSession(model, NewTools(), history);

        var reply = await session.SendAsync("hello", CancellationToken.None);

        Assert.Equal("Something went wrong on my side (InvalidOperationException), so nothing was done. Please try again.", reply);
        Assert.Equal(0, history.Count);
        var next = await session.SendAsync("hello", CancellationToken.None);
        Assert.DoesNotContain("went wrong", next, StringComparison.Ordinal);
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public async Task ANote_ReachesTheModelBeforeTheNextMessage_AsTheAssistantsOwnWords()
    {
        var model = new ShoeStore.Agent.Tests.Fakes.RecordingChatClient(new OfflinePlanner());
        var history = new ChatHistory("system", 40);
        var session = new ChatSession(model, NewTools(), history);

        session.AddNote("While I was away, you approved the purchase. Order o_1 placed.");
        await session.SendAsync("hello", CancellationToken.None);

        Assert.Contains("Order o_1 placed", model.Sent, StringComparison.Ordinal);
        var note = history.Messages.Single(m => m.Text.Contains("Order o_1 placed", StringComparison.Ordinal));
        Assert.Equal(ChatRole.Assistant, note.Role);
        Assert.True(history.Messages.ToList().IndexOf(note) < history.Messages.ToList().FindIndex(m => m.Text == "hello"));
    }

    [Fact]
    public async Task Cancellation_IsNotTurnedIntoAReply()
    {
        var session = new ChatSession(new OfflinePlanner(), NewTools(), new ChatHistory("system", 40));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.SendAsync("hello", cancelled.Token));
    }

    [Fact]
    public void Parse_AVeryLongRequest_ReadsItsBeginningOnly()
    {
        var request = RequestParser.Parse("find running shoes in size 10 " + new string('x', RequestParser.MaxRequestLength * 50) + " buy it");

        Assert.Equal(RequestKind.Search, request.Kind);
        Assert.Equal(10m, request.Size);
    }

    private static ShoeStoreTools NewTools()
    {
        var store = new StoreApiClient(new HttpClient { BaseAddress = new Uri("http://store.test/") });
        return new ShoeStoreTools(() => store, new QuoteBook(), new CatalogMemory());
    }

    /// <summary>Throws on its first call, as a faulty model client would; then behaves.</summary>
    private sealed class FaultOnceChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private int _calls;

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new InvalidOperationException("model client fault")
                : base.GetResponseAsync(messages, options, cancellationToken);
    }
}
