using System.Net;
using System.Text.Json.Nodes;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>What /mcp does with requests it does not serve, and what it never writes to the log.</summary>
public sealed class McpHygieneTests(SqliteStoreApiFactory api) : IClassFixture<SqliteStoreApiFactory>
{
    private readonly McpSession _mcp = new(api);

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task OtherMethods_AreAClientError_NotAServerError(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/mcp");
        request.Headers.Add("Accept", "text/event-stream");

        var response = await api.SendAsync(request, _mcp.Token().Build());

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task ToolCalls_LogNeitherTheTokenNorTheCustomersAddress()
    {
        await api.SetStockAsync("saucony-peregrine-14", 10m, 5);
        var token = _mcp.Token().Build();
        var logged = api.Logs.Lines.Count;

        var quote = McpSession.Text(await _mcp.ToolResultAsync("getTailoredQuote",
            new JsonObject { ["productId"] = "saucony-peregrine-14", ["size"] = 10 }, token));
        await _mcp.ToolResultAsync("getOrders", null, token);

        var shipTo = quote.GetProperty("shipTo");
        var lines = api.Logs.Lines.Skip(logged).ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, line => line.Contains(token.Split('.')[2], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(token.Split('.')[1], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(shipTo.GetProperty("line1").GetString()!, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(shipTo.GetProperty("name").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ToolsList_AnswersAsJsonOrAsOneSseEvent()
    {
        var response = await _mcp.PostAsync("tools/list", null, _mcp.Token().Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "application/json", "text/event-stream" });
    }
}
