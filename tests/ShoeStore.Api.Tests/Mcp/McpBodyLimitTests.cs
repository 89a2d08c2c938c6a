using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>
/// A body past <c>ShoeStore:MaxRequestBodyBytes</c> at /mcp, over real Kestrel (which enforces the limit): a 413
/// problem, never a 500, whether the client declares the length or streams it chunked.
/// </summary>
public sealed class McpBodyLimitTests(LoopbackStoreApiFactory api) : IClassFixture<LoopbackStoreApiFactory>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ToolCall_LargerThanTheLimit_Is413(bool chunked)
    {
        using var http = new HttpClient { BaseAddress = api.Address(), Timeout = TimeSpan.FromSeconds(30) };
        var padding = new string('x', 20 * 1024);
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getProducts","arguments":{"query":"PAD"}}}""".Replace("PAD", padding, StringComparison.Ordinal);
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)))
            : new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new McpSession(api).Token().Build());
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
