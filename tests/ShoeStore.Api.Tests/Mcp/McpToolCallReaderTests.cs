using System.Text;
using ShoeStore.Api.Mcp;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>Which tools a JSON-RPC body calls, read before the MCP handler runs.</summary>
public sealed class McpToolCallReaderTests
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"purchaseItem","arguments":{}}}""", "purchaseItem")]
    [InlineData("""{"params":{"arguments":{"name":"x"},"name":"getOrders"},"method":"tools/call","id":"a","jsonrpc":"2.0"}""", "getOrders")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"tools/list"},{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"getAvailableDeals"}}]""", "getAvailableDeals")]
    public void ToolsCall_NamesTheTool(string body, string tool)
    {
        Assert.Equal([tool], McpToolCallReader.ToolNames(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"name":"purchaseItem"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":7}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"purchaseItem"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"TOOLS/CALL","params":{"name":"purchaseItem"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"purchaseItem"}""")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("42")]
    public void NoToolCall_NamesNothing(string body)
    {
        Assert.Empty(McpToolCallReader.ToolNames(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void DeeplyNestedBody_NamesNothing_InsteadOfThrowing()
    {
        var body = new string('[', 100) + new string(']', 100);

        Assert.Empty(McpToolCallReader.ToolNames(Encoding.UTF8.GetBytes(body)));
    }
}
