using System.Net;
using ShoeStore.Api.Mcp;
using ShoeStore.Api.Tests.Fixtures;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>The MCP server's Protected Resource Metadata (RFC 9728 §2–3) and where it is found.</summary>
public sealed class ProtectedResourceMetadataTests(SqliteStoreApiFactory api) : IClassFixture<SqliteStoreApiFactory>
{
    [Fact]
    public async Task Metadata_NamesTheResourceTheIssuerTheScopesAndHeaderBearer()
    {
        var response = await api.GetAsync("/.well-known/oauth-protected-resource/mcp");

        var metadata = await Expect.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(McpSession.Resource, metadata.GetProperty("resource").GetString());
        Assert.Equal([TestAuthority.Issuer], metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["prices", "address", "payment"], metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Metadata_IsPublic_EvenWithATokenForAnotherAudience()
    {
        var response = await api.GetAsync("/.well-known/oauth-protected-resource/mcp", api.Token().Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChallengeMetadataUrl_ServesTheDocument()
    {
        var challenge = BearerChallengeHeader.From(await new McpSession(api).PostAsync("tools/list", null, token: null));

        var path = new Uri(challenge["resource_metadata"]!).AbsolutePath;

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5200/mcp", "/mcp", "/.well-known/oauth-protected-resource/mcp", "http://127.0.0.1:5200/.well-known/oauth-protected-resource/mcp")]
    [InlineData("https://store.example/shop/mcp", "/shop/mcp", "/.well-known/oauth-protected-resource/shop/mcp", "https://store.example/.well-known/oauth-protected-resource/shop/mcp")]
    [InlineData("https://store.example:8443/mcp/", "/mcp", "/.well-known/oauth-protected-resource/mcp", "https://store.example:8443/.well-known/oauth-protected-resource/mcp")]
    public void Resource_PutsTheWellKnownSuffixBetweenHostAndPath(string resource, string path, string metadataPath, string metadataUrl)
    {
        var mcp = new McpResource(resource);

        Assert.Equal(path, mcp.Path.Value);
        Assert.Equal(metadataPath, mcp.MetadataPath.Value);
        Assert.Equal(metadataUrl, mcp.MetadataUrl);
        Assert.Equal(resource, mcp.Identifier);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mcp")]
    [InlineData("ftp://store.example/mcp")]
    [InlineData("http://127.0.0.1:5200")]
    [InlineData("http://127.0.0.1:5200/")]
    [InlineData("http://127.0.0.1:5200/mcp#x")]
    [InlineData("http://127.0.0.1:5200/mcp?x=1")]
    [InlineData("shoestore-api")]
    public void Resource_ThatIsNotAnAbsoluteUrlWithAPath_FailsStartUp(string resource)
    {
        Assert.NotNull(McpResource.Problem(resource, "shoestore-api"));
    }

    [Fact]
    public void Resource_EqualToTheRestAudience_FailsStartUp()
    {
        Assert.NotNull(McpResource.Problem("https://store.example/mcp", "https://store.example/mcp"));
        Assert.Null(McpResource.Problem("https://store.example/mcp", "shoestore-api"));
    }
}
