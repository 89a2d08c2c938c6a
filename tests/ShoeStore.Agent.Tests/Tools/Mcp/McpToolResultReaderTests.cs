using ModelContextProtocol.Protocol;
using ShoeStore.Agent.Store;
using ShoeStore.Agent.Tools.Mcp;

namespace ShoeStore.Agent.Tests.Tools.Mcp;

public sealed class McpToolResultReaderTests
{
    [Fact]
    public void Read_ASuccess_IsTheRestBodyInTheTextContent()
    {
        var result = Result("""{"id":"o_1","status":"confirmed","productId":"nike-pegasus-41","productName":"Nike Pegasus 41","size":10,"quantity":1,"total":{"currency":"USD","value":"137.03"},"createdAt":"2026-12-07T12:00:00Z"}""", isError: false);

        var response = McpToolResultReader.Read(result, StoreJsonContext.Default.StoreOrder);

        Assert.Null(response.Problem);
        Assert.Equal(("o_1", "nike-pegasus-41", 10m), (response.Value?.Id, response.Value?.ProductId, response.Value?.Size));
    }

    [Fact]
    public void Read_AnIsErrorResult_IsTheProblemWithTheRestApisType()
    {
        var result = Result(
            """{"type":"https://shoestore.example/problems/approval-mismatch","title":"Approval mismatch","status":403,"detail":"The customer approved product_id a, not b."}""",
            isError: true);

        var response = McpToolResultReader.Read(result, StoreJsonContext.Default.StoreOrder);

        Assert.Null(response.Value);
        Assert.Equal(
            (403, "https://shoestore.example/problems/approval-mismatch", "The customer approved product_id a, not b."),
            (response.Problem?.Status, response.Problem?.Type, response.Problem?.Detail));
    }

    [Theory]
    [InlineData("not json", false)]
    [InlineData("[1,2]", false)]
    [InlineData("not json", true)]
    public void Read_SomethingElse_IsAProblem_NotAnException(string text, bool isError)
    {
        var response = McpToolResultReader.Read(Result(text, isError), StoreJsonContext.Default.StoreOrder);

        Assert.Null(response.Value);
        Assert.NotNull(response.Problem);
    }

    [Fact]
    public void Read_NoTextContent_IsAProblem()
    {
        var response = McpToolResultReader.Read(new CallToolResult { Content = [] }, StoreJsonContext.Default.ListStoreDeal);

        Assert.NotNull(response.Problem);
    }

    private static CallToolResult Result(string text, bool isError) =>
        new() { Content = [new TextContentBlock { Text = text }], IsError = isError };
}
