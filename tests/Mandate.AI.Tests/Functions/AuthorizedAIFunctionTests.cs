using System.Text.Json;
using Mandate.AI.Functions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.AI.Tests.Functions;

public sealed class AuthorizedAIFunctionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Invoke_TheToolSeesTheTokenThroughTheAccessor_AndNotInItsArguments()
    {
        string? seen = null;
        AIFunctionArguments? seenArguments = null;
        var tool = AIFunctionFactory.Create((AIFunctionArguments arguments) =>
        {
            seen = ToolTokenAccessor.Current?.Value;
            seenArguments = arguments;
            return "ok";
        }, "getAvailableDeals");
        var function = Wrap(tool, o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices")));
        var arguments = Calls.Arguments(new { query = "running" });

        await function.InvokeAsync(arguments);

        Assert.Equal("client-token-prices", seen);
        Assert.NotNull(seenArguments);
        Assert.DoesNotContain(seenArguments, a => a.Value?.ToString()?.Contains("client-token", StringComparison.Ordinal) == true);
        Assert.Equal(["query"], seenArguments.Keys);
    }

    [Fact]
    public async Task Invoke_AfterTheCall_NoTokenIsCurrent()
    {
        var tool = AIFunctionFactory.Create(() => "ok", "getAvailableDeals");
        var function = Wrap(tool, o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices")));

        await function.InvokeAsync(new AIFunctionArguments());

        Assert.Null(ToolTokenAccessor.Current);
    }

    [Fact]
    public async Task Invoke_PublicTool_RunsWithNoToken()
    {
        ToolAccessToken? seen = new("placeholder");
        var tool = AIFunctionFactory.Create(() => seen = ToolTokenAccessor.Current, "getProducts");
        var function = Wrap(tool, o => o.SetPolicy("getProducts", ToolPolicy.Public()));

        using (ToolTokenAccessor.BeginScope(new ToolAccessToken("outer-token")))
        {
            await function.InvokeAsync(new AIFunctionArguments());
        }

        Assert.Null(seen);
    }

    [Fact]
    public async Task Invoke_Refused_ReturnsAStructuredResultAndDoesNotRunTheTool()
    {
        var ran = false;
        var tool = AIFunctionFactory.Create(() => ran = true, "purchaseItem");
        var source = new FakeToolTokenSource { GetUserTokenAsyncCallback = (_, _, _) => Task.FromResult(ToolTokenResult.Failure("access_denied")) };
        var function = Wrap(tool, o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").SetDeniedMessage("The customer declined the purchase.")), source);

        var result = await function.InvokeAsync(new AIFunctionArguments());

        Assert.False(ran);
        var json = Assert.IsType<JsonElement>(result);
        Assert.Equal("""{"error":"access_denied","message":"The customer declined the purchase."}""", json.GetRawText());
    }

    [Fact]
    public async Task Invoke_ParallelCallsForTwoUsers_EachToolRunSeesOnlyItsOwnUsersToken()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tool = AIFunctionFactory.Create(async (string customer) =>
        {
            await gate.Task;
            // The fake's tokens read "user-token-{user}-{scopes}-{n}": report whose token this run holds.
            return customer + " holds a token of " + ToolTokenAccessor.Current?.Value.Split('-')[2];
        }, "getTailoredQuote");
        var function = Wrap(tool, o =>
        {
            o.UserResolver = call => call.GetString("customer");
            o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address"));
        });

        var endUser = function.InvokeAsync(Calls.Arguments(new { customer = "end.user" })).AsTask();
        var appOwner = function.InvokeAsync(Calls.Arguments(new { customer = "app.owner" })).AsTask();
        gate.SetResult();

        Assert.Equal("end.user holds a token of end.user", ((JsonElement)(await endUser)!).GetString());
        Assert.Equal("app.owner holds a token of app.owner", ((JsonElement)(await appOwner)!).GetString());
    }

    [Fact]
    public async Task Invoke_AResultThatContainsTheToken_IsWithheldFromTheModel()
    {
        var tool = AIFunctionFactory.Create(() => "debug: Authorization: Bearer " + ToolTokenAccessor.Current?.Value, "getAvailableDeals");
        var function = Wrap(tool, o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices")));

        var result = await function.InvokeAsync(new AIFunctionArguments());

        var json = Assert.IsType<JsonElement>(result);
        Assert.Equal(ToolAuthorizationErrors.ResultWithheld, json.GetProperty("error").GetString());
        Assert.DoesNotContain("client-token", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Wrapper_KeepsTheToolsNameDescriptionAndSchema()
    {
        var tool = AIFunctionFactory.Create((string productId, decimal size) => "ok", "getTailoredQuote", "Prices a pair to the customer's address.");

        var function = Wrap(tool, o => o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address")));

        Assert.Equal(tool.Name, function.Name);
        Assert.Equal(tool.Description, function.Description);
        Assert.Equal(tool.JsonSchema.GetRawText(), function.JsonSchema.GetRawText());
    }

    private AuthorizedAIFunction Wrap(AIFunction tool, Action<ToolAuthorizationOptions> configure, FakeToolTokenSource? source = null)
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user" };
        configure(options);
        return new AuthorizedAIFunction(tool, new ToolAuthorizer(source ?? FakeToolTokenSource.ApprovingEverything(_time), options, _time));
    }
}
