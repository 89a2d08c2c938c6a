using ShoeStore.Demo.Agent;
using ShoeStore.Demo.Hosting;

namespace ShoeStore.Demo.Tests.Agent;

public sealed class DemoAgentTests
{
    private static readonly DemoEndpoints Endpoints = new(
        new Uri("http://127.0.0.1:6100"), "http://127.0.0.1:6100/am/oauth2/realms/root/realms/alpha", new Uri("http://127.0.0.1:6200"));
    private static readonly DemoCredentials Credentials = new("ai-agent", "secret", "{\"kty\":\"EC\"}", "push", "end.user", "pw");

    [Fact]
    public void Configuration_PointsTheAgentAtThisDemo_EvenAgainstCommandLineValues()
    {
        var configuration = DemoAgent.BuildConfiguration(
            ["--PINGONE_TOKEN_ENDPOINT=https://tenant.example/am/oauth2/access_token", "--STORE_API_URL=http://elsewhere"], Endpoints, Credentials);

        Assert.Equal(Endpoints.TokenEndpoint, configuration["PINGONE_TOKEN_ENDPOINT"]);
        Assert.Equal(Endpoints.BackchannelAuthenticationEndpoint, configuration["PINGONE_CIBA_ENDPOINT"]);
        Assert.Equal(Endpoints.Issuer, configuration["PINGONE_CIBA_AUDIENCE"]);
        Assert.Equal("ai-agent", configuration["PINGONE_CIBA_ISSUER"]);
        Assert.Equal("http://127.0.0.1:6200", configuration["STORE_API_URL"]);
        Assert.Equal("http://localhost:6100/device", configuration["Agent:DeviceUrl"]);
        Assert.Equal("end.user", configuration["Agent:LoginHint"]);
    }

    [Fact]
    public void Configuration_KeepsPurchasesWaitingForApproval_InTheDemosDataDirectory_UnlessTold()
    {
        var folder = Path.Combine(Path.GetTempPath(), "demo-data");

        var kept = ShoeStore.Agent.Configuration.AgentOptions.Read(DemoAgent.BuildConfiguration([], Endpoints, Credentials, folder));
        var told = ShoeStore.Agent.Configuration.AgentOptions.Read(DemoAgent.BuildConfiguration(["--Agent:ApprovalsFile=none"], Endpoints, Credentials, folder));

        Assert.Equal(Path.Combine(folder, "agent-approvals.db"), kept.ApprovalsFile);
        Assert.Null(told.ApprovalsFile);
        Assert.Null(ShoeStore.Agent.Configuration.AgentOptions.Read(DemoAgent.BuildConfiguration([], Endpoints, Credentials)).ApprovalsFile);
    }

    [Fact]
    public void Configuration_KeepsTheAgentsPolicyTable_AndOtherSettingsFromTheCommandLine()
    {
        var configuration = DemoAgent.BuildConfiguration(["--OPENAI_MODEL=llama3.1"], Endpoints, Credentials);

        Assert.Equal("ciba", configuration["Mandate:Tools:purchaseItem:Auth"]);
        Assert.Equal("client_credentials", configuration["Mandate:Tools:getAvailableDeals:Auth"]);
        Assert.Equal("llama3.1", configuration["OPENAI_MODEL"]);
    }

    [Fact]
    public void Configuration_ToolsMcp_ReachesTheAgent_WithTheStoresActualMcpUrl()
    {
        var endpoints = Endpoints with { McpResource = "https://shop.example/mcp" };
        var configuration = DemoAgent.BuildConfiguration(["--tools", "mcp"], endpoints, Credentials);

        var options = ShoeStore.Agent.Configuration.AgentOptions.Read(configuration);

        Assert.Equal(ShoeStore.Agent.Configuration.ToolSource.Mcp, options.Tools);
        Assert.Equal(new Uri("https://shop.example/mcp"), options.McpUrl);
    }

    [Fact]
    public void Endpoints_McpResource_DefaultsToMcpAtTheStoresOrigin()
    {
        Assert.Equal("http://127.0.0.1:6200/mcp", Endpoints.McpResource);
    }
}
