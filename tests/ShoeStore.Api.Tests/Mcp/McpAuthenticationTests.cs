using System.Net;
using System.Text.Json.Nodes;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>
/// /mcp as an OAuth protected resource: 401 with <c>resource_metadata</c> (RFC 9728 §5.1) without a token, and the
/// audience kept apart both ways (MCP 2025-11-25, Authorization, "Token Audience Binding and Validation").
/// </summary>
public sealed class McpAuthenticationTests(SqliteStoreApiFactory api) : IClassFixture<SqliteStoreApiFactory>
{
    private readonly McpSession _mcp = new(api);

    [Fact]
    public async Task Mcp_WithoutToken_Gets401WithResourceMetadata()
    {
        var response = await _mcp.PostAsync("tools/list", null, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = BearerChallengeHeader.From(response);
        Assert.Equal(McpSession.MetadataUrl, challenge["resource_metadata"]);
        Assert.Equal(McpSession.Resource, challenge["realm"]);
        Assert.Null(challenge["error"]);
        await Expect.ProblemAsync(response, 401);
    }

    [Fact]
    public async Task Mcp_WithTokenForTheRestApi_Gets401InvalidToken()
    {
        var restToken = api.Token().Build();

        var response = await _mcp.PostAsync("tools/list", null, restToken);

        var challenge = await Expect.InvalidTokenAsync(response);
        Assert.Equal(McpSession.MetadataUrl, challenge["resource_metadata"]);
        Assert.Contains("aud", challenge["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestApi_WithTokenForTheMcpResource_Gets401InvalidToken()
    {
        var mcpToken = _mcp.Token().Build();

        var response = await api.GetAsync("/deals", mcpToken);

        var challenge = await Expect.InvalidTokenAsync(response);
        Assert.Null(challenge["resource_metadata"]);
        Assert.Equal("shoestore-api", challenge["realm"]);
    }

    [Fact]
    public async Task Mcp_WithTokenForTheMcpResource_ListsTools()
    {
        var response = await _mcp.PostAsync("tools/list", null, _mcp.Token().Build());

        var message = await McpSession.MessageAsync(response);
        Assert.Equal(5, message.GetProperty("result").GetProperty("tools").GetArrayLength());
    }

    [Fact]
    public async Task Mcp_WithTokenForBothAudiences_IsAccepted()
    {
        var token = _mcp.Token().WithClaim("aud", new JsonArray("shoestore-api", McpSession.Resource)).Build();

        Assert.Equal(HttpStatusCode.OK, (await _mcp.PostAsync("tools/list", null, token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/deals", token)).StatusCode);
    }

    [Fact]
    public async Task Mcp_WithAudienceDifferingOnlyByTrailingSlash_Gets401()
    {
        var token = _mcp.Token().WithClaim("aud", McpSession.Resource + "/").Build();

        await Expect.InvalidTokenAsync(await _mcp.PostAsync("tools/list", null, token));
    }
}
