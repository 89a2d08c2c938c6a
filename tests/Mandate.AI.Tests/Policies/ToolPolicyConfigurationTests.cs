using Microsoft.Extensions.Configuration;

namespace Mandate.AI.Tests.Policies;

public sealed class ToolPolicyConfigurationTests
{
    [Fact]
    public void Apply_TheTutorialTable_GivesOnePolicyPerTool()
    {
        var policies = Read(new()
        {
            ["Tools:getProducts:Auth"] = "none",
            ["Tools:getAvailableDeals:Auth"] = "client_credentials",
            ["Tools:getAvailableDeals:Scopes"] = "prices",
            ["Tools:getTailoredQuote:Auth"] = "ciba",
            ["Tools:getTailoredQuote:Scopes"] = "address",
            ["Tools:purchaseItem:Auth"] = "ciba",
            ["Tools:purchaseItem:Scopes"] = "payment",
            ["Tools:purchaseItem:SingleUse"] = "true",
            ["Tools:purchaseItem:DeniedMessage"] = "The customer declined the purchase.",
        });

        Assert.Equal(ToolAuthorizationKind.Public, policies["getProducts"].Kind);
        Assert.Equal(ToolAuthorizationKind.Autonomous, policies["getAvailableDeals"].Kind);
        Assert.Equal(["prices"], policies["getAvailableDeals"].Scopes);
        Assert.Equal(ToolAuthorizationKind.OnBehalfOfUser, policies["getTailoredQuote"].Kind);
        Assert.Equal(["address"], policies["getTailoredQuote"].Scopes);
        Assert.Equal(ToolAuthorizationKind.OnBehalfOfUser, policies["purchaseItem"].Kind);
        Assert.Equal(["payment"], policies["purchaseItem"].Scopes);
        Assert.True(policies["purchaseItem"].SingleUse);
        Assert.Equal("The customer declined the purchase.", policies["purchaseItem"].DeniedMessage);
    }

    [Theory]
    [InlineData("public", ToolAuthorizationKind.Public)]
    [InlineData("AUTONOMOUS", ToolAuthorizationKind.Autonomous)]
    [InlineData("on_behalf_of", ToolAuthorizationKind.OnBehalfOfUser)]
    public void Apply_AuthAliases_AreAccepted(string auth, ToolAuthorizationKind kind)
    {
        var policies = Read(new() { ["Tools:t:Auth"] = auth, ["Tools:t:Scopes"] = "s" });

        Assert.Equal(kind, policies["t"].Kind);
    }

    [Fact]
    public void Apply_ScopesAsArrayAndResource_AreRead()
    {
        var policies = Read(new()
        {
            ["Tools:t:Auth"] = "ciba",
            ["Tools:t:Scopes:0"] = "address",
            ["Tools:t:Scopes:1"] = "payment",
            ["Tools:t:Resource"] = "https://store.example",
            ["Tools:t:BindingMessage"] = "Quote {productId}?",
        });

        Assert.Equal(["address", "payment"], policies["t"].Scopes);
        Assert.Equal("https://store.example", policies["t"].Resource);
        Assert.Equal("Quote {productId}?", policies["t"].BindingMessage);
    }

    [Fact]
    public void Apply_PolicyDeclaredInCode_KeepsItsBuilders()
    {
        var policies = new Dictionary<string, ToolPolicy>
        {
            ["purchaseItem"] = new ToolPolicy().SetBindingMessage(_ => "Buy it?"),
        };

        ToolPolicyConfiguration.Apply(Section(new() { ["Tools:purchaseItem:Auth"] = "ciba", ["Tools:purchaseItem:Scopes"] = "payment" }), policies);

        Assert.NotNull(policies["purchaseItem"].BindingMessageBuilder);
        Assert.Equal(ToolAuthorizationKind.OnBehalfOfUser, policies["purchaseItem"].Kind);
    }

    [Fact]
    public void Apply_UnknownAuth_ThrowsNamingTheAcceptedWords()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new() { ["Tools:t:Auth"] = "password" }));

        Assert.Contains("Tools:t:Auth", error.Message, StringComparison.Ordinal);
        Assert.Contains("client_credentials", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client_credentials")]
    [InlineData("ciba")]
    public void Apply_TokenToolWithoutScopes_ThrowsAskingForScopes(string auth)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new() { ["Tools:t:Auth"] = auth }));

        Assert.Contains("Scopes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnknownKey_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new() { ["Tools:t:Auth"] = "none", ["Tools:t:Scops"] = "x" }));

        Assert.Contains("Tools:t:Scops", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SingleUseNotBoolean_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Read(new() { ["Tools:t:Auth"] = "ciba", ["Tools:t:Scopes"] = "payment", ["Tools:t:SingleUse"] = "yes" }));
    }

    [Fact]
    public void Apply_BindingMessageOnClientCredentialsTool_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Read(new()
        {
            ["Tools:t:Auth"] = "client_credentials", ["Tools:t:Scopes"] = "prices", ["Tools:t:BindingMessage"] = "Hi?",
        }));
    }

    private static Dictionary<string, ToolPolicy> Read(Dictionary<string, string?> values)
    {
        var policies = new Dictionary<string, ToolPolicy>();
        ToolPolicyConfiguration.Apply(Section(values), policies);
        return policies;
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Tools");
}
