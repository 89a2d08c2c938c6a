using System.Text.Json.Nodes;

namespace Mandate.AI.Tests.Policies;

public sealed class PublishedToolAccessTests
{
    private const string McpResource = "http://store.test/mcp";

    [Fact]
    public void FromMeta_ReadsTheScopesAndTheCustomerApproval()
    {
        var access = PublishedToolAccess.FromMeta(Meta("""{ "mandate/scopes": ["payment"], "mandate/customer_approval": true }"""));

        Assert.NotNull(access);
        Assert.Equal(["payment"], access.Scopes);
        Assert.True(access.RequiresUserApproval);
    }

    [Fact]
    public void FromMeta_WithoutTheScopesMember_IsNone()
    {
        Assert.Null(PublishedToolAccess.FromMeta(Meta("""{ "other": 1 }""")));
        Assert.Null(PublishedToolAccess.FromMeta(null));
    }

    [Theory]
    [InlineData("""{ "mandate/scopes": "payment" }""")]
    [InlineData("""{ "mandate/scopes": [1] }""")]
    [InlineData("""{ "mandate/scopes": [null] }""")]
    [InlineData("""{ "mandate/scopes": ["two words"] }""")]
    [InlineData("""{ "mandate/scopes": [], "mandate/customer_approval": "yes" }""")]
    public void FromMeta_MalformedMembers_AreAFormatErrorNamingTheMember(string json)
    {
        var error = Assert.Throws<FormatException>(() => PublishedToolAccess.FromMeta(Meta(json)));

        Assert.Contains("mandate/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UsePublishedAccess_NoScopesAndNoApproval_KeepsAPublicToolPublic_ForTheResource()
    {
        var options = new ToolAuthorizationOptions();

        var policy = options.UsePublishedAccess("getProducts", new PublishedToolAccess([], false), McpResource);

        Assert.Equal((ToolAuthorizationKind.Public, McpResource), (policy.Kind, policy.Resource));
        Assert.Empty(policy.Scopes);
    }

    [Fact]
    public void UsePublishedAccess_CustomerApproval_RaisesAClientCredentialsToolToCiba_WithTheUnionOfScopes()
    {
        var options = new ToolAuthorizationOptions().SetPolicy("getTailoredQuote", ToolPolicy.Autonomous("prices"));

        var policy = options.UsePublishedAccess("getTailoredQuote", new PublishedToolAccess(["address"], true), McpResource);

        Assert.Equal(ToolAuthorizationKind.OnBehalfOfUser, policy.Kind);
        Assert.Equal(["prices", "address"], policy.Scopes);
    }

    [Fact]
    public void UsePublishedAccess_AStricterLocalPolicyStays_WithItsBuilders()
    {
        var local = ToolPolicy.OnBehalfOfUser("payment").SetBindingMessage("Allow agent to buy?").RequireSingleUse();
        var options = new ToolAuthorizationOptions().SetPolicy("purchaseItem", local);

        var policy = options.UsePublishedAccess("purchaseItem", new PublishedToolAccess(["payment"], false), McpResource);

        Assert.Same(local, policy);
        Assert.Equal(ToolAuthorizationKind.OnBehalfOfUser, policy.Kind);
        Assert.Equal(["payment"], policy.Scopes);
        Assert.Equal(("Allow agent to buy?", true, McpResource), (policy.BindingMessage, policy.SingleUse, policy.Resource));
    }

    [Fact]
    public void UsePublishedAccess_AToolWithoutALocalPolicy_GetsThePublishedOne()
    {
        var options = new ToolAuthorizationOptions();

        var policy = options.UsePublishedAccess("getAvailableDeals", new PublishedToolAccess(["prices"], false), McpResource);

        Assert.Same(policy, options.Policies["getAvailableDeals"]);
        Assert.Equal((ToolAuthorizationKind.Autonomous, McpResource), (policy.Kind, policy.Resource));
        Assert.Equal(["prices"], policy.Scopes);
    }

    private static JsonObject Meta(string json) => JsonNode.Parse(json)!.AsObject();
}
