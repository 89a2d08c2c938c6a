using System.Text.Json;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>
/// The store's MCP server against an MCP client nobody here wrote: npm <c>@modelcontextprotocol/sdk</c>'s Streamable
/// HTTP client (tests/interop/mcp-client.mjs), in its own process, over real HTTP on 127.0.0.1.
/// </summary>
public sealed class McpSdkInteropTests(McpLoopbackStoreApiFactory api) : IClassFixture<McpLoopbackStoreApiFactory>
{
    [Fact]
    public async Task SdkClient_WithBearerToken_ListsTheToolsAndCallsGetProducts()
    {
        api.Start();
        var token = api.Token().WithClaim("aud", api.McpUrl).Build();

        var (exitCode, line) = await NodeMcpClient.RunAsync(api.McpUrl, token, "getProducts", """{"query":"trail"}""");

        Assert.True(exitCode == 0, line.ToString());
        Assert.Equal("connected", line.GetProperty("event").GetString());
        Assert.Equal("shoestore", line.GetProperty("server").GetProperty("name").GetString());
        var tools = line.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["getAvailableDeals", "getOrders", "getProducts", "getTailoredQuote", "purchaseItem"], tools.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("payment", tools["purchaseItem"].GetProperty("_meta").GetProperty("mandate/scopes")[0].GetString());
        var call = line.GetProperty("call");
        Assert.False(call.TryGetProperty("isError", out var isError) && isError.GetBoolean());
        var products = call.GetProperty("structuredContent").GetProperty("products");
        Assert.True(products.GetArrayLength() > 0);
        Assert.All(products.EnumerateArray(), p => Assert.Equal("trail", p.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task SdkClient_WithoutToken_Gets401_AndFetchesTheResourceMetadataItNames()
    {
        api.Start();
        var metadataUrl = $"http://127.0.0.1:{api.Port}/.well-known/oauth-protected-resource/mcp";

        var (exitCode, line) = await NodeMcpClient.RunAsync(api.McpUrl, token: null);

        Assert.Equal(1, exitCode);
        Assert.Equal("error", line.GetProperty("event").GetString());
        var requests = line.GetProperty("requests").EnumerateArray().ToList();
        var first = requests[0];
        Assert.Equal(api.McpUrl, first.GetProperty("url").GetString());
        Assert.Equal(401, first.GetProperty("status").GetInt32());
        Assert.Contains($"resource_metadata=\"{metadataUrl}\"", first.GetProperty("www_authenticate").GetString(), StringComparison.Ordinal);
        // The SDK read resource_metadata from the challenge and fetched that document (RFC 9728 §5.1 → §3).
        var metadata = requests.FirstOrDefault(r => r.GetProperty("url").GetString() == metadataUrl);
        Assert.True(metadata.ValueKind == JsonValueKind.Object, "the SDK never fetched " + metadataUrl + ": " + line);
        Assert.Equal(200, metadata.GetProperty("status").GetInt32());
        // …then went on to the authorization server it names, which the driver keeps off the network.
        Assert.Contains(requests, r => r.GetProperty("url").GetString()!.StartsWith("https://mandate.test/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SdkClient_CallingAToolBeyondItsScope_Gets403InsufficientScopeNamingTheScope()
    {
        api.Start();
        var token = api.Token().WithClaim("aud", api.McpUrl).AsClientCredentials("address").Build();

        var (_, line) = await NodeMcpClient.RunAsync(api.McpUrl, token, "getAvailableDeals");

        var challenged = line.GetProperty("requests").EnumerateArray().FirstOrDefault(r => r.TryGetProperty("status", out var s) && s.GetInt32() == 403);
        Assert.True(challenged.ValueKind == JsonValueKind.Object, "no 403: " + line);
        var header = challenged.GetProperty("www_authenticate").GetString()!;
        Assert.Contains("error=\"insufficient_scope\"", header, StringComparison.Ordinal);
        Assert.Contains("scope=\"prices\"", header, StringComparison.Ordinal);
    }
}
