using ShoeStore.Api.Mcp.Tools;
using ShoeStore.Api.Security;

namespace ShoeStore.Api.Tests.Mcp;

/// <summary>Each tool's declared access, as the tool itself applies it when it runs (behind the HTTP 403 pre-check).</summary>
public sealed class StoreToolAccessTests
{
    private static readonly StoreToolCatalog Catalog = new();

    [Theory]
    [InlineData("getProducts", "", false, true)]
    [InlineData("getAvailableDeals", "prices", false, true)]
    [InlineData("getAvailableDeals", "address payment", true, false)]
    [InlineData("getTailoredQuote", "address", true, true)]
    [InlineData("getTailoredQuote", "address", false, false)]
    [InlineData("getTailoredQuote", "prices payment", true, false)]
    [InlineData("purchaseItem", "payment", true, true)]
    [InlineData("purchaseItem", "payment", false, false)]
    [InlineData("purchaseItem", "prices address", true, false)]
    [InlineData("getOrders", "payment", true, true)]
    [InlineData("getOrders", "payment", false, false)]
    public void Tool_RefusesATokenItsAccessDoesNotCover(string tool, string scopes, bool customer, bool allowed)
    {
        var token = new AccessTokenClaims
        {
            Subject = customer ? "7c1e9a52-3f4b-4d8e-9a61-2b5c8d0e4f17" : "ai-agent",
            ClientId = "ai-agent",
            Actor = customer ? "ai-agent" : null,
            TokenId = "jti-1",
            Scopes = new HashSet<string>(scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal),
        };

        var refusal = Catalog.Find(tool)!.Refusal(token);

        Assert.Equal(allowed, refusal is null);
        if (refusal is not null)
        {
            Assert.True(refusal.IsError);
        }
    }

    [Fact]
    public void Catalog_FindsToolsByExactName()
    {
        Assert.NotNull(Catalog.Find("purchaseItem"));
        Assert.Null(Catalog.Find("PurchaseItem"));
        Assert.Equal(5, Catalog.Tools.Count);
    }
}
