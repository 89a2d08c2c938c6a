using Microsoft.Extensions.Configuration;
using Mandate.AI.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShoeStore.Agent.Configuration;
using ShoeStore.Agent.Tools;
using ShoeStore.Agent.Tools.Mcp;

namespace ShoeStore.Agent.Tests.Configuration;

/// <summary><c>--tools local|mcp</c>: where the assistant's tools come from, and the MCP server's URL and scopes.</summary>
public sealed class AgentToolSourceTests
{
    [Fact]
    public void Read_NothingSet_LocalTools_AndTheMcpUrlIsMcpAtTheStoresOrigin()
    {
        var options = AgentOptions.Read(Configuration(new() { ["STORE_API_URL"] = "http://127.0.0.1:6200/" }));

        Assert.Equal(ToolSource.Local, options.Tools);
        Assert.Equal(new Uri("http://127.0.0.1:6200/mcp"), options.McpUrl);
        Assert.Equal(["prices"], options.McpScopes);
    }

    [Theory]
    [InlineData("--tools", "mcp")]
    [InlineData("--tools", "MCP")]
    [InlineData("--tools=mcp", null)]
    [InlineData("--Agent:Tools=mcp", null)]
    public void Build_ToolsMcpOnTheCommandLine_SelectsTheMcpTools(string first, string? second)
    {
        string[] args = second is null ? [first] : [first, second];
        var directory = Directory.CreateTempSubdirectory("agent-config-").FullName;
        try
        {
            var options = AgentOptions.Read(AgentConfiguration.Build(args, directory));

            Assert.Equal(ToolSource.Mcp, options.Tools);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void DescribeStore_NamesTheMcpServerWithMcpTools_AndTheStoreApiOtherwise()
    {
        var mcp = AgentOptions.Read(Configuration(new() { [AgentOptions.ToolsKey] = "mcp" }));
        var local = AgentOptions.Read(Configuration([]));

        Assert.Equal("store tools over MCP at http://127.0.0.1:5200/mcp", mcp.DescribeStore());
        Assert.Equal("store http://127.0.0.1:5200/", local.DescribeStore());
    }

    [Fact]
    public void Read_ToolsLocal_SelectsTheLocalTools()
    {
        Assert.Equal(ToolSource.Local, AgentOptions.Read(Configuration(new() { [AgentOptions.ToolsKey] = "local" })).Tools);
    }

    [Fact]
    public void Read_AnUnknownToolSource_ThrowsNamingTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AgentOptions.Read(Configuration(new() { [AgentOptions.ToolsKey] = "remote" })));

        Assert.Contains("--tools is 'remote'", error.Message, StringComparison.Ordinal);
        Assert.Contains("local", error.Message, StringComparison.Ordinal);
        Assert.Contains("mcp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StoreMcpUrl_IsTakenAsGiven()
    {
        var options = AgentOptions.Read(Configuration(new() { ["STORE_MCP_URL"] = "https://store.example/tools/mcp", ["Agent:McpScope"] = "prices catalog" }));

        Assert.Equal(new Uri("https://store.example/tools/mcp"), options.McpUrl);
        Assert.Equal(["prices", "catalog"], options.McpScopes);
    }

    [Theory]
    [InlineData("STORE_MCP_URL", "not a url")]
    [InlineData("STORE_MCP_URL", "http://127.0.0.1:5200")]
    [InlineData("STORE_MCP_URL", "http://127.0.0.1:5200/mcp?x=1")]
    [InlineData("Agent:McpScope", "pri\"ces")]
    public void Read_BadMcpSetting_ThrowsNamingTheSetting(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AgentOptions.Read(Configuration(new() { [key] = value })));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddShoeStoreAgent_WithMcpTools_OffersTheMcpToolsForTheMcpResource_OnceConnected()
    {
        var configuration = Configuration(new() { [AgentOptions.ToolsKey] = "mcp", ["OPENAI_API_KEY"] = "", ["OPENAI_BASE_URL"] = "" });
        await using var services = new ServiceCollection().AddShoeStoreAgent(configuration, AgentOptions.Read(configuration)).BuildServiceProvider();

        Assert.IsType<McpStoreTools>(services.GetRequiredService<IStoreTools>());
        Assert.Equal("http://127.0.0.1:5200/mcp", services.GetRequiredService<McpStoreTools>().Resource);
        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IStoreTools>().All);
        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<ToolAuthorizationOptions>>().Value);
        Assert.Null(services.GetService<ShoeStoreTools>());
    }

    [Fact]
    public async Task AddShoeStoreAgent_Default_OffersTheLocalTools()
    {
        var configuration = Configuration(new() { ["OPENAI_API_KEY"] = "", ["OPENAI_BASE_URL"] = "" });
        await using var services = new ServiceCollection().AddShoeStoreAgent(configuration, AgentOptions.Read(configuration)).BuildServiceProvider();

        Assert.IsType<ShoeStoreTools>(services.GetRequiredService<IStoreTools>());
        Assert.Null(services.GetService<McpStoreTools>());
        Assert.Equal(5, services.GetRequiredService<IStoreTools>().All.Count);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
