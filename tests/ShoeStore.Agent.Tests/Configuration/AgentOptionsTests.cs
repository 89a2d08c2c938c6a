using Microsoft.Extensions.Configuration;
using ShoeStore.Agent.Configuration;

namespace ShoeStore.Agent.Tests.Configuration;

public sealed class AgentOptionsTests
{
    [Fact]
    public void Read_NothingSet_UsesTheDefaultsAndTheOfflinePlanner()
    {
        var options = AgentOptions.Read(Configuration([]));

        Assert.Equal(new Uri("http://127.0.0.1:5200"), options.StoreApiUrl);
        Assert.Equal("end.user", options.LoginHint);
        Assert.Null(options.DeviceUrl);
        Assert.Null(options.LanguageModel);
    }

    [Fact]
    public void Read_TutorialVariables_GiveStoreLoginHintAndTheDevicePageOfTheServer()
    {
        var options = AgentOptions.Read(Configuration(new()
        {
            ["STORE_API_URL"] = "http://127.0.0.1:6200",
            ["Agent:LoginHint"] = "app.owner",
            ["PINGONE_TOKEN_ENDPOINT"] = "http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha/access_token",
        }));

        Assert.Equal(new Uri("http://127.0.0.1:6200"), options.StoreApiUrl);
        Assert.Equal("app.owner", options.LoginHint);
        Assert.Equal(new Uri("http://localhost:5100/device"), options.DeviceUrl);
    }

    [Fact]
    public void Read_OpenAIVariables_SelectTheLanguageModel()
    {
        var options = AgentOptions.Read(Configuration(new()
        {
            ["OPENAI_BASE_URL"] = "http://127.0.0.1:11434/v1",
            ["OPENAI_MODEL"] = "llama3.1",
        }));

        Assert.NotNull(options.LanguageModel);
        Assert.Equal(("llama3.1", new Uri("http://127.0.0.1:11434/v1")), (options.LanguageModel.Model, options.LanguageModel.BaseUrl));
        Assert.DoesNotContain("not-needed", options.LanguageModel.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ApprovalsFile_DefaultsToTheDataDirectory_FollowsMandateDataDirectory_AndNoneKeepsThemInMemory()
    {
        Assert.Equal(Path.GetFullPath(Path.Combine(".mandate", "agent-approvals.db")), AgentOptions.Read(Configuration([])).ApprovalsFile);
        Assert.Equal(Path.GetFullPath(Path.Combine("state", "agent-approvals.db")),
            AgentOptions.Read(Configuration(new() { ["Mandate:DataDirectory"] = "state" })).ApprovalsFile);
        Assert.Equal(Path.GetFullPath("/var/lib/agent/approvals.db"),
            AgentOptions.Read(Configuration(new() { ["Agent:ApprovalsFile"] = "/var/lib/agent/approvals.db" })).ApprovalsFile);
        Assert.Null(AgentOptions.Read(Configuration(new() { ["Agent:ApprovalsFile"] = "none" })).ApprovalsFile);
    }

    [Theory]
    [InlineData("STORE_API_URL", "not a url")]
    [InlineData("OPENAI_BASE_URL", "ftp://example")]
    [InlineData("Agent:HistoryLimit", "many")]
    public void Read_BadValue_ThrowsNamingTheSetting(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AgentOptions.Read(Configuration(new() { [key] = value })));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
