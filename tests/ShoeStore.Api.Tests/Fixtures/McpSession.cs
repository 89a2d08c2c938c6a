using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShoeStore.Api.Tests.Fixtures;

/// <summary>
/// Speaks MCP Streamable HTTP (2025-11-25) to the store's /mcp by hand: one JSON-RPC request per POST, the answer
/// read from JSON or from the first SSE <c>data:</c> event, so tests see the HTTP status and headers as sent.
/// </summary>
public sealed class McpSession(StoreApiFactory api)
{
    public const string Resource = "http://127.0.0.1:5200/mcp";

    public const string MetadataUrl = "http://127.0.0.1:5200/.well-known/oauth-protected-resource/mcp";

    public const string ProtocolVersion = "2025-11-25";

    private int _id;

    /// <summary>A CIBA token for <c>end.user</c> through <c>ai-agent</c>, with the MCP resource as audience.</summary>
    public JwtBuilder Token() => api.Token().WithClaim("aud", Resource);

    /// <summary>POSTs one JSON-RPC request; the raw response.</summary>
    public Task<HttpResponseMessage> PostAsync(string method, JsonObject? parameters, string? token)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _id), ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return PostRawAsync(message.ToJsonString(), token);
    }

    public Task<HttpResponseMessage> PostRawAsync(string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        return api.SendAsync(request, token);
    }

    /// <summary>A <c>tools/call</c> POST; the raw response (for status and challenge checks).</summary>
    public Task<HttpResponseMessage> CallToolAsync(string name, JsonObject? arguments, string? token) =>
        PostAsync("tools/call", new JsonObject { ["name"] = name, ["arguments"] = arguments ?? new JsonObject() }, token);

    /// <summary>A <c>tools/call</c> that must be answered 200; its JSON-RPC <c>result</c>.</summary>
    public async Task<JsonElement> ToolResultAsync(string name, JsonObject? arguments, string token)
    {
        var message = await MessageAsync(await CallToolAsync(name, arguments, token));
        Assert.True(message.TryGetProperty("result", out var result), "expected a result: " + message);
        return result;
    }

    /// <summary>The JSON-RPC message of a 200 answer (JSON body, or the first SSE event).</summary>
    public static async Task<JsonElement> MessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"expected 2xx, got {(int)response.StatusCode}: {text}");
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            var data = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("data:", StringComparison.Ordinal))
                .Select(l => l["data:".Length..].Trim()).FirstOrDefault(l => l.Length > 0);
            Assert.True(data is not null, "no SSE data event: " + text);
            text = data;
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The tool result's text content, parsed as JSON.</summary>
    public static JsonElement Text(JsonElement result) =>
        JsonDocument.Parse(result.GetProperty("content")[0].GetProperty("text").GetString()!).RootElement.Clone();

    public static bool IsError(JsonElement result) =>
        result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True;
}
