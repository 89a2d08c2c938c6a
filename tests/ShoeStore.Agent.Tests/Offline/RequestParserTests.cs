using ShoeStore.Agent.Offline;

namespace ShoeStore.Agent.Tests.Offline;

public sealed class RequestParserTests
{
    [Theory]
    [InlineData("find running shoes in size 10", "Search", "running", "10")]
    [InlineData("Do you have Nike trail shoes in 10.5?", "Search", "trail nike", "10.5")]
    [InlineData("show me hiking boots, US 9", "Search", "walking", "9")]
    [InlineData("I need dress shoes for a wedding", "Search", "formal", null)]
    [InlineData("Any Brooks Ghost?", "Search", "brooks ghost", null)]
    [InlineData("any deals?", "Deals", null, null)]
    [InlineData("What's on sale?", "Deals", null, null)]
    [InlineData("what would it cost to ship one to me?", "Quote", null, null)]
    [InlineData("How much for the Pegasus in size 10.5?", "Quote", "pegasus", "10.5")]
    [InlineData("buy it", "Buy", null, null)]
    [InlineData("Please purchase 2 pairs in size 11", "Buy", null, "11")]
    [InlineData("I'll take it", "Buy", null, null)]
    [InlineData("show my orders", "Orders", null, null)]
    [InlineData("what did I buy?", "Orders", null, null)]
    [InlineData("hello", "Help", null, null)]
    [InlineData("tell me a joke", "Unknown", null, null)]
    public void Parse_PlainRequests_GiveKindQueryAndSize(string text, string kind, string? query, string? size)
    {
        var request = RequestParser.Parse(text);

        Assert.Equal(kind, request.Kind.ToString());
        Assert.Equal(query, request.Query);
        Assert.Equal(size is null ? null : decimal.Parse(size, System.Globalization.CultureInfo.InvariantCulture), request.Size);
    }

    [Theory]
    [InlineData("buy 2 pairs", 2)]
    [InlineData("quote two pairs of those", 2)]
    [InlineData("a pair of the ghost please, how much?", 1)]
    [InlineData("buy it", null)]
    public void Parse_Pairs_GiveTheQuantity(string text, int? quantity)
    {
        Assert.Equal(quantity, RequestParser.Parse(text).Quantity);
    }

    [Theory]
    [InlineData("quote the second one", 1, false)]
    [InlineData("buy the last one", -1, false)]
    [InlineData("how much is the cheapest shipped to me?", null, true)]
    public void Parse_WhichOne_GivesOrdinalOrCheapest(string text, int? ordinal, bool cheapest)
    {
        var request = RequestParser.Parse(text);

        Assert.Equal((ordinal, cheapest), (request.Ordinal, request.Cheapest));
    }
}
