using System.Net;
using Mandate.AI.Approvals;
using Mandate.AI.MandateClient;
using Mandate.AI.Tokens;
using Microsoft.Extensions.DependencyInjection;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Offline;
using ShoeStore.Agent.Terminal;
using ShoeStore.Agent.Tests.Fakes;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Tests.Terminal;

public sealed class LineChatTests
{
    private const string Conversation = """
        find running shoes in size 10
        any deals?

        what would it cost to ship one to me?
        buy it
        show my orders
        """;

    private readonly FakeToolTokenSource _source = new();
    private readonly FakeStoreHandler _store = new();
    private readonly RecordingChatClient _model = new(new OfflinePlanner());

    public LineChatTests()
    {
        _store.Respond = Route;
    }

    [Fact]
    public async Task ScriptedConversation_OneReplyPerLine_WithEachToolAuthorizedAsTheTableSays()
    {
        var (output, diagnostics, exitCode) = await RunAsync(Conversation);

        Assert.Equal(0, exitCode);
        Assert.Contains("I found 2 running shoes in size 10:", output, StringComparison.Ordinal);
        Assert.Contains("Pegasus week: Nike Air Zoom Pegasus 41, 10% off, $126.00 instead of $140.00", output, StringComparison.Ordinal);
        Assert.Contains("Quote q_1: 1 x Nike Air Zoom Pegasus 41, size 10 with the Pegasus week deal", output, StringComparison.Ordinal);
        Assert.Contains("Order o_1 placed: 1 x Nike Air Zoom Pegasus 41, size 10, total $137.03", output, StringComparison.Ordinal);
        Assert.Contains("You have 1 order(s):", output, StringComparison.Ordinal);
        Assert.Contains("offline planner", diagnostics, StringComparison.Ordinal);

        Assert.Equal(["prices"], _source.ClientRequests.Single().Scopes);
        var approvals = _source.UserRequests.ToList();
        Assert.Equal(["address", "payment", "payment"], approvals.Select(r => r.Scopes.Single()));
        Assert.All(approvals, r => Assert.Equal("end.user", r.LoginHint));
        Assert.Equal("Allow agent to buy Nike Air Zoom Pegasus 41 for $137.03?", approvals[1].BindingMessage);
        Assert.Equal(
            """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","product_name":"Nike Air Zoom Pegasus 41","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"137.03"}}]""",
            approvals[1].AuthorizationDetails?.GetRawText());
        Assert.Null(approvals[2].AuthorizationDetails);
    }

    [Fact]
    public async Task ScriptedConversation_TheStoreGetsTheRightTokensAndAnIdempotencyKey()
    {
        await RunAsync(Conversation);

        var requests = _store.Requests.ToList();
        Assert.Equal(
            [
                ("GET", "/products?query=running&size=10", null),
                ("GET", "/deals", "Bearer cc.prices"),
                ("POST", "/quotes", "Bearer ciba.end.user.address"),
                ("POST", "/orders", "Bearer ciba.end.user.payment"),
                ("GET", "/orders", "Bearer ciba.end.user.payment"),
            ],
            requests.Select(r => (r.Method, r.PathAndQuery, r.Authorization)));
        Assert.False(string.IsNullOrEmpty(requests[3].IdempotencyKey));
    }

    [Fact]
    public async Task ScriptedConversation_NothingSentToTheModelContainsAToken()
    {
        await RunAsync(Conversation);

        Assert.DoesNotContain("cc.prices", _model.Sent, StringComparison.Ordinal);
        Assert.DoesNotContain("ciba.end.user", _model.Sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret Street", _model.Sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptedConversation_ApprovalsAreAnnouncedOnStandardErrorWithTheDevicePage()
    {
        var (output, diagnostics, _) = await RunAsync(Conversation);

        Assert.Contains("Approval needed: \"Allow agent to buy Nike Air Zoom Pegasus 41 for $137.03?\" — approve on your device at http://localhost:5100/device", diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain("Approval needed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurchaseDeclined_NoOrderIsPlaced_AndTheAssistantSaysSo()
    {
        var approve = _source.UserToken;
        _source.UserToken = (request, progress) => request.Scopes.Contains("payment") ? ToolTokenResult.Failure("access_denied") : approve(request, progress);

        var (output, _, _) = await RunAsync("find running shoes in size 10\nwhat would it cost to ship one to me?\nbuy it\n");

        Assert.Contains("The customer declined the purchase on their device, so no order was placed.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(_store.Requests, r => r.Method == "POST" && r.PathAndQuery == "/orders");
    }

    [Fact]
    public async Task APurchaseKeptFromAnEarlierRun_IsCompletedOnceWithItsTokenAndKey_AndToldOnStandardOutput()
    {
        var kept = await KeptPurchase.ApprovedAsync();

        var (output, _, exitCode) = await RunAsync("", services => services.AddApprovalStore(kept));

        Assert.Equal(0, exitCode);
        Assert.Equal(
            "While I was away, you approved \"Allow agent to buy Nike Air Zoom Pegasus 41 for $137.03?\" on your device. " +
            "Order o_1 placed: 1 x Nike Air Zoom Pegasus 41, size 10, total $137.03, paid with visa ending 4242. Status: confirmed.",
            output.Trim());
        var order = Assert.Single(_store.Requests);
        Assert.Equal(("POST", "/orders", "Bearer " + KeptPurchase.AccessToken, KeptPurchase.IdempotencyKey), (order.Method, order.PathAndQuery, order.Authorization, order.IdempotencyKey));
        Assert.Empty(await kept.ListAsync(CancellationToken.None));
        Assert.Empty(_source.UserRequests);
    }

    [Fact]
    public async Task EmptyInput_EndsAtOnceWithExitCodeZero()
    {
        var (output, _, exitCode) = await RunAsync("");

        Assert.Equal((0, ""), (exitCode, output));
    }

    [Fact]
    public void Composition_WithoutOverrides_GetsTokensFromMandateClient()
    {
        var configuration = TerminalAgent.Configuration();
        using var services = new ServiceCollection().AddShoeStoreAgent(configuration, AgentOptions.Read(configuration)).BuildServiceProvider();

        Assert.IsType<MandateClientTokenSource>(services.GetRequiredService<IToolTokenSource>());
    }

    private async Task<(string Output, string Diagnostics, int ExitCode)> RunAsync(string input, Action<IServiceCollection>? register = null)
    {
        var services = TerminalAgent.Services(_source, _model, _store);
        register?.Invoke(services);
        await using var provider = services.BuildServiceProvider();
        using var output = new StringWriter();
        using var diagnostics = new StringWriter();

        var exitCode = await provider.GetRequiredService<LineChat>().RunAsync(
            new StringReader(input), output, diagnostics, ShoeStore.Agent.Chat.ChatClientFactory.Describe(null), CancellationToken.None);

        return (output.ToString(), diagnostics.ToString(), exitCode);
    }

    private static HttpResponseMessage Route(RecordedRequest request) => (request.Method, request.PathAndQuery, request.Authorization) switch
    {
        ("GET", var path, null) when path.StartsWith("/products", StringComparison.Ordinal) => FakeStoreHandler.Json(StoreJson.Products),
        ("GET", "/deals", "Bearer cc.prices") => FakeStoreHandler.Json(StoreJson.Deals),
        ("POST", "/quotes", "Bearer ciba.end.user.address") => FakeStoreHandler.Json(StoreJson.Quote, HttpStatusCode.Created),
        ("POST", "/orders", "Bearer ciba.end.user.payment") => FakeStoreHandler.Json(StoreJson.Order, HttpStatusCode.Created),
        ("GET", "/orders", "Bearer ciba.end.user.payment") => FakeStoreHandler.Json(StoreJson.Orders),
        _ => new HttpResponseMessage(HttpStatusCode.Unauthorized),
    };
}
