using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.AI.Tests.AgentFramework;

/// <summary>
/// Microsoft Agent Framework: a <see cref="ChatClientAgent"/> over a chat client with Mandate's tool authorization
/// (docs/agent.md, "Microsoft Agent Framework") uses Mandate-authorized tools with the same policy table, and a tool
/// the framework would have the chat approve, whose policy asks the person on their device, is asked once: on the device.
/// </summary>
public sealed class ChatClientAgentTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Agent_RunsAuthorizedTools_AndAsksThePersonOnce_OnTheirDevice()
    {
        var model = new TestChatClient();
        model.GetResponseAsyncCallback = (messages, _, _) => Task.FromResult(messages.Any(m => m.Role == ChatRole.Tool)
            ? new ChatResponse(new ChatMessage(ChatRole.Assistant, "Bought."))
            : new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [
                new FunctionCallContent("call_1", "getAvailableDeals", new Dictionary<string, object?>()),
                new FunctionCallContent("call_2", "purchaseItem", new Dictionary<string, object?> { ["quoteId"] = "q_1" }),
            ])));
        var seen = new Dictionary<string, string?>();
        AIFunction deals = AIFunctionFactory.Create(() => seen["getAvailableDeals"] = ToolTokenAccessor.Current?.Value, "getAvailableDeals");
        AIFunction purchase = new ApprovalRequiredAIFunction(
            AIFunctionFactory.Create((string quoteId) => seen["purchaseItem"] = ToolTokenAccessor.Current?.Value, "purchaseItem"));
        var asked = 0;
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var approve = source.GetUserTokenAsyncCallback;
        source.GetUserTokenAsyncCallback = (request, progress, ct) =>
        {
            Interlocked.Increment(ref asked);
            return approve(request, progress, ct);
        };
        var options = new ToolAuthorizationOptions { LoginHint = "end.user" };
        options.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices"));
        options.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment"));
        var chat = new ChatClientBuilder(model).UseToolAuthorization(new ToolAuthorizer(source, options, _time)).UseFunctionInvocation().Build();
        var agent = new ChatClientAgent(chat, new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = [deals, purchase] } });

        var response = await agent.RunAsync("Any deals? Then buy quote q_1.");

        Assert.Equal("Bought.", response.Text);
        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>());
        Assert.Equal(1, asked);
        Assert.Equal("client-token-prices", seen["getAvailableDeals"]);
        Assert.StartsWith("user-token-end.user-payment", seen["purchaseItem"], StringComparison.Ordinal);
    }
}
