using System.Text.Json;
using Microsoft.Extensions.AI;
using ShoeStore.Agent.Offline;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Tests.Offline;

public sealed class OfflinePlannerTests
{
    private const string Products = """
        {"count":2,"query":"running","size":10,"products":[
          {"id":"nike-pegasus-41","brand":"Nike","model":"Air Zoom Pegasus 41","category":"running","price":{"currency":"USD","value":"140.00"},"sizesInStock":[10,10.5]},
          {"id":"brooks-ghost-16","brand":"Brooks","model":"Ghost 16","category":"running","price":{"currency":"USD","value":"120.00"},"sizesInStock":[10]}]}
        """;

    private const string ProductsNoSize = """
        {"count":1,"query":"trail","products":[
          {"id":"hoka-speedgoat-6","brand":"HOKA","model":"Speedgoat 6","category":"trail","price":{"currency":"USD","value":"155.00"},"sizesInStock":[9,9.5]}]}
        """;

    private const string Deals = """
        {"count":2,"deals":[
          {"dealId":"back-to-school","productId":"converse-chuck-taylor-kids","product":"Converse Chuck Taylor All Star (Kids')","title":"Back to school","percentOff":25,
           "listPrice":{"currency":"USD","value":"45.00"},"dealPrice":{"currency":"USD","value":"33.75"},"endsAt":"2099-01-01T00:00:00+00:00"},
          {"dealId":"ghost-spring","productId":"brooks-ghost-16","product":"Brooks Ghost 16","title":"Spring running sale","percentOff":20,
           "listPrice":{"currency":"USD","value":"140.00"},"dealPrice":{"currency":"USD","value":"112.00"},"endsAt":"2099-01-01T00:00:00+00:00"}]}
        """;

    private const string Quote = """
        {"quoteId":"q_7","productId":"nike-pegasus-41","productName":"Nike Air Zoom Pegasus 41","size":10,"quantity":1,
         "unitPrice":{"currency":"USD","value":"140.00"},"discount":{"currency":"USD","value":"14.00"},"deal":"Pegasus week",
         "subtotal":{"currency":"USD","value":"126.00"},"shipping":{"currency":"USD","value":"0.00"},"tax":{"currency":"USD","value":"11.03"},
         "total":{"currency":"USD","value":"137.03"},"shipsTo":"Austin, TX, US","expiresAt":"2099-01-01T00:00:00+00:00"}
        """;

    private const string Order = """
        {"orderId":"o_9","status":"confirmed","productId":"nike-pegasus-41","productName":"Nike Air Zoom Pegasus 41","size":10,"quantity":1,
         "total":{"currency":"USD","value":"137.03"},"payment":"visa ending 4242","placedBy":"ai-agent","createdAt":"2026-11-28T12:00:00+00:00"}
        """;

    public static TheoryData<string, string, string> FreshRequests => new()
    {
        { "find running shoes in size 10", ToolNames.GetProducts, """{"query":"running","size":10}""" },
        { "Do you have Nike trail shoes in 10.5?", ToolNames.GetProducts, """{"query":"trail nike","size":10.5}""" },
        { "show me your shoes", ToolNames.GetProducts, "{}" },
        { "any deals?", ToolNames.GetAvailableDeals, "{}" },
        { "show my orders", ToolNames.GetOrders, "{}" },
        { "How much is the Pegasus shipped to me in size 10?", ToolNames.GetProducts, """{"query":"pegasus","size":10}""" },
    };

    [Theory]
    [MemberData(nameof(FreshRequests))]
    public async Task FreshConversation_PlainRequest_CallsTheMatchingTool(string text, string tool, string arguments)
    {
        var call = await NextCall([User(text)]);

        Assert.Equal(tool, call.Name);
        Assert.Equal(arguments, JsonSerializer.Serialize(call.Arguments));
    }

    [Fact]
    public async Task AfterASearch_CostToShipOne_QuotesTheFirstProductInTheSearchedSize()
    {
        var call = await NextCall([User("find running shoes in size 10"), .. Result(ToolNames.GetProducts, Products), User("what would it cost to ship one to me?")]);

        Assert.Equal(ToolNames.GetTailoredQuote, call.Name);
        Assert.Equal("""{"productId":"nike-pegasus-41","size":10,"quantity":1}""", JsonSerializer.Serialize(call.Arguments));
    }

    [Fact]
    public async Task AfterASearch_QuoteTheSecondOne_QuotesTheSecondProduct()
    {
        var call = await NextCall([User("find running shoes in size 10"), .. Result(ToolNames.GetProducts, Products), User("quote the second one, 2 pairs")]);

        Assert.Equal("""{"productId":"brooks-ghost-16","size":10,"quantity":2}""", JsonSerializer.Serialize(call.Arguments));
    }

    [Fact]
    public async Task AfterASearch_NamingAModel_QuotesThatModel()
    {
        var call = await NextCall([User("find running shoes in size 10"), .. Result(ToolNames.GetProducts, Products), User("how much for the ghost?")]);

        Assert.Equal("""{"productId":"brooks-ghost-16","size":10,"quantity":1}""", JsonSerializer.Serialize(call.Arguments));
    }

    [Fact]
    public async Task AfterASearchThenDeals_CostToShipOne_QuotesTheSearchedShoe_NotTheFirstDeal()
    {
        var call = await NextCall([
            User("find running shoes in size 10"), .. Result(ToolNames.GetProducts, Products),
            User("any deals?"), .. Result(ToolNames.GetAvailableDeals, Deals),
            User("what would it cost to ship one to me?")]);

        Assert.Equal(ToolNames.GetTailoredQuote, call.Name);
        Assert.Equal("""{"productId":"nike-pegasus-41","size":10,"quantity":1}""", JsonSerializer.Serialize(call.Arguments));
    }

    [Fact]
    public async Task AfterASearchThenDeals_BuyIt_QuotesTheSearchedShoe()
    {
        var call = await NextCall([
            User("find running shoes in size 10"), .. Result(ToolNames.GetProducts, Products),
            User("any deals?"), .. Result(ToolNames.GetAvailableDeals, Deals),
            User("buy it")]);

        Assert.Equal(ToolNames.GetTailoredQuote, call.Name);
        Assert.Equal("""{"productId":"nike-pegasus-41","size":10,"quantity":1}""", JsonSerializer.Serialize(call.Arguments));
    }

    [Fact]
    public async Task AfterDeals_QuoteTheFirstOne_PicksTheFirstDealExplicitly()
    {
        var call = await NextCall([
            User("find running shoes in size 10"), .. Result(ToolNames.GetProducts, Products),
            User("any deals?"), .. Result(ToolNames.GetAvailableDeals, Deals),
            User("quote the first one")]);

        Assert.Equal("""{"productId":"converse-chuck-taylor-kids","size":10,"quantity":1}""", JsonSerializer.Serialize(call.Arguments));
    }

    [Fact]
    public async Task AfterDeals_NamingADealsModel_QuotesThatDeal()
    {
        var call = await NextCall([
            User("any deals?"), .. Result(ToolNames.GetAvailableDeals, Deals),
            User("how much for the ghost in size 9?")]);

        Assert.Equal("""{"productId":"brooks-ghost-16","size":9,"quantity":1}""", JsonSerializer.Serialize(call.Arguments));
    }

    [Fact]
    public async Task OnlyDealsSeen_CostToShipOne_AsksWhichOneRatherThanPickingTheFirstDeal()
    {
        var reply = await new OfflinePlanner().GetResponseAsync(
            [User("any deals?"), .. Result(ToolNames.GetAvailableDeals, Deals), User("what would it cost to ship one to me in size 10?")], Options());

        Assert.Empty(reply.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.StartsWith("Which shoe? Name it, or say which one of the list", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterAQuote_BuyIt_PurchasesThatQuote()
    {
        var call = await NextCall([User("quote it"), .. Result(ToolNames.GetTailoredQuote, Quote), User("buy it")]);

        Assert.Equal(ToolNames.PurchaseItem, call.Name);
        Assert.Equal("""{"quoteId":"q_7"}""", JsonSerializer.Serialize(call.Arguments));
    }

    [Fact]
    public async Task BuyItWithoutAQuote_QuotesFirst_ThenBuysThatQuote_ThenReportsTheOrder()
    {
        List<ChatMessage> history = [User("find running shoes in size 10"), .. Result(ToolNames.GetProducts, Products), User("buy it")];

        var first = await NextCall(history);
        history.AddRange(Result(ToolNames.GetTailoredQuote, Quote, "call_q"));
        var second = await NextCall(history);
        history.AddRange(Result(ToolNames.PurchaseItem, Order, "call_p"));
        var reply = await new OfflinePlanner().GetResponseAsync(history, Options());

        Assert.Equal(ToolNames.GetTailoredQuote, first.Name);
        Assert.Equal(("purchaseItem", """{"quoteId":"q_7"}"""), (second.Name, JsonSerializer.Serialize(second.Arguments)));
        Assert.Contains("Order o_9 placed", reply.Text, StringComparison.Ordinal);
        Assert.Contains("$137.03", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheQuoteWasBought_BuyIt_QuotesAgainRatherThanReusingIt()
    {
        var call = await NextCall([
            User("find running shoes in size 10"), .. Result(ToolNames.GetProducts, Products),
            User("buy it"), .. Result(ToolNames.GetTailoredQuote, Quote, "c2"), .. Result(ToolNames.PurchaseItem, Order, "c3"),
            User("buy it")]);

        Assert.Equal(ToolNames.GetTailoredQuote, call.Name);
    }

    [Fact]
    public async Task QuoteWithoutAnyProduct_AsksWhichShoe()
    {
        var reply = await new OfflinePlanner().GetResponseAsync([User("what would it cost to ship one to me?")], Options());

        Assert.Contains("Which shoe?", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteWithoutASize_AsksForOneListingTheSizesInStock()
    {
        var reply = await new OfflinePlanner().GetResponseAsync(
            [User("trail shoes"), .. Result(ToolNames.GetProducts, ProductsNoSize), User("what would it cost to ship one to me?")], Options());

        Assert.Equal("Which US size of the HOKA Speedgoat 6? In stock: 9, 9.5.", reply.Text);
    }

    [Fact]
    public async Task ToolErrorInThisTurn_IsExplainedWithItsMessage()
    {
        var reply = await new OfflinePlanner().GetResponseAsync(
            [User("buy it"), .. Result(ToolNames.PurchaseItem, """{"error":"access_denied","message":"The customer declined the purchase on their device, so no order was placed."}""")],
            Options());

        Assert.Equal("The customer declined the purchase on their device, so no order was placed.", reply.Text);
    }

    [Fact]
    public async Task SearchResult_IsPhrasedWithNamesPricesAndIds()
    {
        var reply = await new OfflinePlanner().GetResponseAsync([User("find running shoes in size 10"), .. Result(ToolNames.GetProducts, Products)], Options());

        Assert.StartsWith("I found 2 running shoes in size 10:\n- Nike Air Zoom Pegasus 41, $140.00 (nike-pegasus-41)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolNotOffered_IsNotCalled()
    {
        var reply = await new OfflinePlanner().GetResponseAsync([User("show my orders")], new ChatOptions { Tools = [] });

        Assert.Empty(reply.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
    }

    [Fact]
    public async Task Unknown_AnswersWithWhatItCanDo()
    {
        var reply = await new OfflinePlanner().GetResponseAsync([User("tell me a joke")], Options());

        Assert.Contains(OfflinePlanner.Help, reply.Text, StringComparison.Ordinal);
    }

    private static async Task<FunctionCallContent> NextCall(IEnumerable<ChatMessage> messages)
    {
        var response = await new OfflinePlanner().GetResponseAsync(messages, Options());
        return Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
    }

    private static ChatOptions Options() => new()
    {
        Tools = [.. new[] { ToolNames.GetProducts, ToolNames.GetAvailableDeals, ToolNames.GetTailoredQuote, ToolNames.PurchaseItem, ToolNames.GetOrders }
            .Select(name => AIFunctionFactory.Create(() => "unused", name))],
    };

    private static ChatMessage User(string text) => new(ChatRole.User, text);

    private static ChatMessage[] Result(string tool, string json, string? callId = null)
    {
        callId ??= "c_" + tool;
        using var document = JsonDocument.Parse(json);
        return
        [
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, tool, new Dictionary<string, object?>())]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, document.RootElement.Clone())]),
        ];
    }
}
