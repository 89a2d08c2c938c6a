using Mandate.Server.Protocol;

namespace Mandate.Server.Tests.Protocol;

/// <summary><see cref="ResourceIndicator"/>: RFC 8707 <c>resource</c> selects the token's audience among the client's.</summary>
public sealed class ResourceIndicatorTests
{
    private static readonly HashSet<string> Registered = ["shoestore-api", "https://store.example/mcp"];

    [Fact]
    public void NoResource_SelectsNothing() => Assert.Null(ResourceIndicator.Select(null, Registered).Value);

    [Theory]
    [InlineData("https://store.example/mcp")]
    [InlineData("shoestore-api")]
    public void ARegisteredResource_IsTheAudience(string resource) => Assert.Equal(resource, ResourceIndicator.Select(resource, Registered).Value);

    [Theory]
    [InlineData("https://store.example/mcp/")]
    [InlineData("https://STORE.example/mcp")]
    [InlineData("https://evil.example/mcp")]
    [InlineData("https://store.example/mcp#x")]
    [InlineData("")]
    public void AnythingElse_IsInvalidTarget(string resource)
    {
        var result = ResourceIndicator.Select(resource, Registered);
        Assert.True(result.Failed);
        Assert.Equal("invalid_target", result.Error!.Code);
        Assert.Equal(400, result.Error!.StatusCode);
    }

    [Fact]
    public void AClientWithNoResources_CanNameNone() =>
        Assert.Equal("invalid_target", ResourceIndicator.Select("shoestore-api", new HashSet<string>()).Error!.Code);
}
