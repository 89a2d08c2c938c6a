using System.Text.Json;
using Mandate.AI.Functions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.AI.Tests.Functions;

/// <summary>
/// A tool whose HTTP client has <see cref="ToolTokenHandler"/> (as an MCP client's transport does) meets a 403
/// <c>insufficient_scope</c> challenge: one step-up to the user's approval, one retry (MCP 2025-11-25 "Scope Challenge
/// Handling"). The tool throws on a non-success status, as the MCP C# client does.
/// </summary>
public sealed class ScopeStepUpTests
{
    private const string McpResource = "http://store.test/mcp";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly ChallengingResourceServer _server = new();

    [Fact]
    public async Task Invoke_EachCallCarriesItsOwnTokenOnTheTransport_ForThatCallOnly()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        using var http = _server.CreateClient();
        var deals = Wrap(Tool(http, "getAvailableDeals"), o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices").SetResource(McpResource)), source);
        var orders = Wrap(Tool(http, "getOrders"), o => o.SetPolicy("getOrders", ToolPolicy.OnBehalfOfUser("payment").SetResource(McpResource)), source);

        await deals.InvokeAsync(new AIFunctionArguments());
        await orders.InvokeAsync(new AIFunctionArguments());
        await http.GetAsync(new Uri("outside", UriKind.Relative));

        Assert.Equal(["client-token-prices", "user-token-end.user-payment-1", null], _server.Authorizations);
        Assert.All(source.ClientRequests, r => Assert.Equal(McpResource, r.Resource));
        Assert.All(source.UserRequests, r => Assert.Equal(McpResource, r.Resource));
    }

    [Fact]
    public async Task Invoke_InsufficientScope_StepsUpToTheUsersApprovalForTheChallengedScope_AndRetriesOnce()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        _server.Answer = bearer => bearer!.StartsWith("user-token-", StringComparison.Ordinal)
            ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("order placed") }
            : ChallengingResourceServer.InsufficientScope("payment");
        using var http = _server.CreateClient();
        var purchase = Wrap(Tool(http, "purchaseItem"), o => o.SetPolicy("purchaseItem", ToolPolicy.Autonomous("prices")
            .SetResource(McpResource).SetDeniedMessage("The customer declined the purchase.")), source);

        var result = await purchase.InvokeAsync(new AIFunctionArguments());

        Assert.Equal("order placed", result?.ToString());
        Assert.Equal(["client-token-prices", "user-token-end.user-prices+payment-1"], _server.Authorizations);
        var stepUp = Assert.Single(source.UserRequests);
        Assert.Equal(["prices", "payment"], stepUp.Scopes);
        Assert.Equal(McpResource, stepUp.Resource);
        Assert.Equal("end.user", stepUp.LoginHint);
    }

    [Fact]
    public async Task Invoke_StepUp_AsksWithTheToolsBindingMessageAndAuthorizationDetails()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        _server.Answer = bearer => bearer is null
            ? ChallengingResourceServer.InsufficientScope("payment")
            : new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        using var http = _server.CreateClient();
        var detail = JsonSerializer.SerializeToElement(Calls.Detail("nike-pegasus-41", 10.5m, "140.00"));
        var purchase = Wrap(Tool(http, "purchaseItem"), o => o.SetPolicy("purchaseItem", ToolPolicy.Public()
            .SetResource(McpResource).SetBindingMessage("Allow agent to buy shoes?").SetAuthorizationDetails(_ => [detail])), source);

        await purchase.InvokeAsync(new AIFunctionArguments());

        var stepUp = Assert.Single(source.UserRequests);
        Assert.Equal("Allow agent to buy shoes?", stepUp.BindingMessage);
        Assert.Equal($"[{detail.GetRawText()}]", stepUp.AuthorizationDetails?.GetRawText());
        Assert.Equal(["payment"], stepUp.Scopes);
    }

    [Fact]
    public async Task Invoke_ASecondChallengeAfterTheStepUp_IsNotRetriedAgain()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        _server.Answer = _ => ChallengingResourceServer.InsufficientScope("payment");
        using var http = _server.CreateClient();
        var purchase = Wrap(Tool(http, "purchaseItem"), o => o.SetPolicy("purchaseItem", ToolPolicy.OnBehalfOfUser("payment").SetResource(McpResource)), source);

        var result = await purchase.InvokeAsync(new AIFunctionArguments());

        Assert.Equal(2, _server.Authorizations.Count);
        Assert.Equal(2, source.UserRequests.Count);
        Assert.Equal(ToolAuthorizationErrors.InsufficientScope, ErrorOf(result));
    }

    [Fact]
    public async Task Invoke_StepUp_DoesNotReuseTheCachedTokenTheServerRefused()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        var refuseFirst = 1;
        _server.Answer = _ => Interlocked.Exchange(ref refuseFirst, 0) == 1
            ? ChallengingResourceServer.InsufficientScope("address")
            : new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        using var http = _server.CreateClient();
        var quote = Wrap(Tool(http, "getTailoredQuote"), o => o.SetPolicy("getTailoredQuote", ToolPolicy.OnBehalfOfUser("address").SetResource(McpResource)), source);

        await quote.InvokeAsync(new AIFunctionArguments());

        Assert.Equal(["user-token-end.user-address-1", "user-token-end.user-address-2"], _server.Authorizations);
    }

    [Fact]
    public async Task Invoke_StepUpDeclined_ReportsTheDenialAndDoesNotRetry()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        source.GetUserTokenAsyncCallback = (_, _, _) => Task.FromResult(ToolTokenResult.Failure(ToolAuthorizationErrors.AccessDenied));
        _server.Answer = _ => ChallengingResourceServer.InsufficientScope("payment");
        using var http = _server.CreateClient();
        var purchase = Wrap(Tool(http, "purchaseItem"), o => o.SetPolicy("purchaseItem", ToolPolicy.Autonomous("prices")
            .SetResource(McpResource).SetDeniedMessage("The customer declined the purchase.")), source);

        var result = await purchase.InvokeAsync(new AIFunctionArguments());

        Assert.Single(_server.Authorizations);
        var json = Assert.IsType<JsonElement>(result);
        Assert.Equal(ToolAuthorizationErrors.AccessDenied, json.GetProperty("error").GetString());
        Assert.Equal("The customer declined the purchase.", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invoke_A403WithoutAScopeChallenge_IsNotSteppedUp()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        _server.Answer = _ => new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden);
        using var http = _server.CreateClient();
        var deals = Wrap(Tool(http, "getAvailableDeals"), o => o.SetPolicy("getAvailableDeals", ToolPolicy.Autonomous("prices").SetResource(McpResource)), source);

        await Assert.ThrowsAsync<HttpRequestException>(() => deals.InvokeAsync(new AIFunctionArguments()).AsTask());

        Assert.Single(_server.Authorizations);
        Assert.Empty(source.UserRequests);
    }

    [Fact]
    public async Task Send_WithAResource_OutsideACallOrInAPublicCall_CarriesTheAgentsOwnTokenForTheResource()
    {
        var source = FakeToolTokenSource.ApprovingEverything(_time);
        using var http = _server.CreateClient(new ToolTokenHandler(source, McpResource, ["prices"]));
        var products = Wrap(Tool(http, "getProducts"), o => o.SetPolicy("getProducts", ToolPolicy.Public()), source);

        await http.GetAsync(new Uri("tools-list", UriKind.Relative));
        await products.InvokeAsync(new AIFunctionArguments());

        Assert.Equal(["client-token-prices", "client-token-prices"], _server.Authorizations);
        Assert.All(source.ClientRequests, r => Assert.Equal(("prices", McpResource), (string.Join(' ', r.Scopes), r.Resource)));
    }

    private static AIFunction Tool(HttpClient http, string name) =>
        AIFunctionFactory.Create(async (CancellationToken cancellationToken) =>
        {
            using var response = await http.PostAsync(new Uri("mcp", UriKind.Relative), new StringContent("{}"), cancellationToken);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }, name);

    private static string? ErrorOf(object? result) => Assert.IsType<JsonElement>(result).GetProperty("error").GetString();

    private AuthorizedAIFunction Wrap(AIFunction tool, Action<ToolAuthorizationOptions> configure, FakeToolTokenSource source)
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user" };
        configure(options);
        return new AuthorizedAIFunction(tool, new ToolAuthorizer(source, options, _time));
    }
}
