using Mandate.Server.Protocol;
using Mandate.Server.Scopes;

namespace Mandate.Server.Tests.Protocol;

public sealed class ScopePolicyTests
{
    private static readonly Dictionary<string, ScopeDefinition> Catalog = new()
    {
        ["openid"] = new("openid", "d", null, TimeSpan.FromHours(1)),
        ["prices"] = new("prices", "d", "shoestore-api", TimeSpan.FromHours(1)),
        ["payment"] = new("payment", "d", "shoestore-api", TimeSpan.FromMinutes(5)),
        ["stock"] = new("stock", "d", "warehouse-api", TimeSpan.FromHours(1)),
    };

    private static readonly HashSet<string> Allowed = ["openid", "prices", "payment", "stock"];

    private static Result<ScopeGrant> Evaluate(string? scope, bool cc = false) => ScopePolicy.Evaluate(scope, Allowed, Catalog.GetValueOrDefault, cc);

    [Fact]
    public void ResourceScopes_GiveTheirAudienceAndTheShortestLifetime()
    {
        var grant = Evaluate("prices payment");
        Assert.Equal("shoestore-api", grant.Value!.Audience);
        Assert.Equal(TimeSpan.FromMinutes(5), grant.Value.AccessTokenLifetime);
        Assert.Equal(["prices", "payment"], grant.Value.Scopes);
    }

    [Fact]
    public void RepeatedScopeValue_IsCountedOnce() => Assert.Equal(["prices"], Evaluate("prices prices").Value!.Scopes);

    [Theory]
    [InlineData("unknown")]
    [InlineData("prices stock")]
    [InlineData("pri\"ces")]
    public void UnknownMixedResourcesOrMalformed_IsInvalidScope(string scope) => Assert.Equal("invalid_scope", Evaluate(scope).Error?.Code);

    [Fact]
    public void OpenIdOnClientCredentials_IsInvalidScope() => Assert.Equal("invalid_scope", Evaluate("openid prices", cc: true).Error?.Code);

    [Fact]
    public void MissingScope_IsInvalidRequestForCiba() => Assert.Equal("invalid_request", Evaluate(null).Error?.Code);

    [Fact]
    public void ScopeNotAllowedForTheClient_IsInvalidScope() =>
        Assert.Equal("invalid_scope", ScopePolicy.Evaluate("payment", new HashSet<string> { "prices" }, Catalog.GetValueOrDefault, true).Error?.Code);
}
