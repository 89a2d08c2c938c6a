using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.AI.Tests.Functions;

public sealed class ToolAuthorizingChatClientTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Pipeline_TheToolGetsItsToken_AndNothingSentToTheModelContainsIt()
    {
        var model = ModelCalling(new FunctionCallContent("call_1", "getAvailableDeals", new Dictionary<string, object?>()));
        string? seen = null;
        var tool = AIFunctionFactory.Create(() =>
        {
            seen = ToolTokenAccessor.Current?.Value;
            return new { deals = new[] { "Pegasus week" } };
        }, "getAvailableDeals");
        using var client = Pipeline(model, FakeToolTokenSource.ApprovingEverything(_time), o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices")));

        var response = await client.GetResponseAsync("any deals?", new ChatOptions { Tools = [tool] });

        Assert.Equal("client-token-prices", seen);
        Assert.Equal("done", response.Text);
        Assert.Equal(2, model.Requests.Count);
        Assert.DoesNotContain("client-token", Everything(model), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_ADeclinedApproval_ReachesTheModelAsAStructuredToolResult()
    {
        var model = ModelCalling(new FunctionCallContent("call_1", "purchaseItem", new Dictionary<string, object?> { ["quoteId"] = "q_1" }));
        var ran = false;
        var tool = AIFunctionFactory.Create((string quoteId) => ran = true, "purchaseItem");
        var source = new FakeToolTokenSource { GetUserTokenAsyncCallback = (_, _, _) => Task.FromResult(ToolTokenResult.Failure("access_denied")) };
        using var client = Pipeline(model, source, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").SetDeniedMessage("The customer declined the purchase.")));

        await client.GetResponseAsync("buy it", new ChatOptions { Tools = [tool] });

        Assert.False(ran);
        var result = model.Requests[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        var json = Assert.IsType<JsonElement>(result.Result);
        Assert.Equal("access_denied", json.GetProperty("error").GetString());
        Assert.Equal("The customer declined the purchase.", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Pipeline_ParallelToolCallsNeedingTheSameApproval_PushOnceToTheDevice()
    {
        var model = ModelCalling(
            new FunctionCallContent("call_1", "getTailoredQuote", new Dictionary<string, object?> { ["productId"] = "nike-pegasus-41" }),
            new FunctionCallContent("call_2", "getTailoredQuote", new Dictionary<string, object?> { ["productId"] = "brooks-ghost-16" }));
        var gate = new TaskCompletionSource<ToolTokenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new FakeToolTokenSource
        {
            GetUserTokenAsyncCallback = (_, _, _) => gate.Task,
        };
        var bothWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var tool = AIFunctionFactory.Create((string productId) => productId + ":" + ToolTokenAccessor.Current?.Value, "getTailoredQuote");
        using var client = Pipeline(model, source, o =>
        {
            // Runs for each call just before it joins (or starts) the pending approval.
            o.UserResolver = _ =>
            {
                if (Interlocked.Increment(ref calls) == 2)
                {
                    bothWaiting.SetResult();
                }

                return "end.user";
            };
            o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address"));
        }, concurrent: true);

        var response = client.GetResponseAsync("quote both", new ChatOptions { Tools = [tool] });
        await bothWaiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        gate.SetResult(ToolTokenResult.Success(new ToolAccessToken("address-token", _time.GetUtcNow().AddHours(1))));
        await response;

        Assert.Single(source.UserRequests);
        var results = model.Requests[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString()).ToList();
        Assert.Equal(2, results.Count);
        Assert.DoesNotContain("address-token", Everything(model), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Builder_UseToolAuthorization_TakesTheAuthorizerFromTheServices()
    {
        var model = ModelCalling(new FunctionCallContent("call_1", "getProducts", new Dictionary<string, object?>()));
        var services = new ServiceCollection()
            .AddSingleton<IToolTokenSource>(new FakeToolTokenSource())
            .AddToolAuthorization(o => o.SetPolicy("getProducts", ToolPolicy.Public()))
            .BuildServiceProvider();
        var ran = false;
        var tool = AIFunctionFactory.Create(() => ran = true, "getProducts");
        using var client = new ChatClientBuilder(model).UseToolAuthorization().UseFunctionInvocation().Build(services);

        await client.GetResponseAsync("shoes", new ChatOptions { Tools = [tool] });

        Assert.True(ran);
    }

    [Fact]
    public async Task ToolNeedingApprovalInTheChat_AndThePersonsOnTheirDevice_IsAskedOnce_OnTheDevice()
    {
        var model = ModelCalling(new FunctionCallContent("call_1", "purchaseItem", new Dictionary<string, object?> { ["quoteId"] = "q_1" }));
        var ran = 0;
        var tool = new ApprovalRequiredAIFunction(AIFunctionFactory.Create((string quoteId) => ++ran, "purchaseItem"));
        var asked = 0;
        var approving = FakeToolTokenSource.ApprovingEverything(_time);
        var approve = approving.GetUserTokenAsyncCallback;
        approving.GetUserTokenAsyncCallback = (request, progress, ct) =>
        {
            Interlocked.Increment(ref asked);
            return approve(request, progress, ct);
        };
        using var client = Pipeline(model, approving, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment")));

        var response = await client.GetResponseAsync("buy it", new ChatOptions { Tools = [tool] });

        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>());
        Assert.Equal((1, 1), (asked, ran));
        Assert.Equal("done", response.Text);
    }

    [Fact]
    public async Task ToolNeedingApprovalInTheChat_WithAPolicyThatAsksNoPerson_KeepsTheChatsApproval()
    {
        var model = ModelCalling(new FunctionCallContent("call_1", "getAvailableDeals", new Dictionary<string, object?>()));
        var ran = false;
        var tool = new ApprovalRequiredAIFunction(AIFunctionFactory.Create(() => ran = true, "getAvailableDeals"));
        using var client = Pipeline(model, FakeToolTokenSource.ApprovingEverything(_time), o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices")));

        var response = await client.GetResponseAsync("any deals?", new ChatOptions { Tools = [tool] });

        var request = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>());
        Assert.Equal("call_1", Assert.IsType<FunctionCallContent>(request.ToolCall).CallId);
        Assert.False(ran);
    }

    private static TestChatClient ModelCalling(params FunctionCallContent[] calls)
    {
        var model = new TestChatClient();
        model.GetResponseAsyncCallback = (messages, _, _) => Task.FromResult(
            messages.Any(m => m.Role == ChatRole.Tool)
                ? new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"))
                : new ChatResponse(new ChatMessage(ChatRole.Assistant, [.. calls])));
        return model;
    }

    private IChatClient Pipeline(TestChatClient model, FakeToolTokenSource source, Action<ToolAuthorizationOptions> configure, bool concurrent = false)
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user" };
        configure(options);
        var authorizer = new ToolAuthorizer(source, options, _time);
        return new ChatClientBuilder(model)
            .UseToolAuthorization(authorizer)
            .UseFunctionInvocation(configure: f => f.AllowConcurrentInvocation = concurrent)
            .Build();
    }

    /// <summary>Every text, argument and result the model received, serialized.</summary>
    private static string Everything(TestChatClient model) =>
        string.Join('\n', model.Requests.SelectMany(r => r).SelectMany(m => m.Contents).Select(c => c switch
        {
            TextContent text => text.Text,
            FunctionCallContent call => JsonSerializer.Serialize(call.Arguments),
            FunctionResultContent result => JsonSerializer.Serialize(result.Result),
            _ => c.ToString(),
        }));
}
