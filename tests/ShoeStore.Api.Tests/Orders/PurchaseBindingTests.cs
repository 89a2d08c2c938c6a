using System.Text.Json;
using ShoeStore.Api.Orders;
using ShoeStore.Api.Pricing;

namespace ShoeStore.Api.Tests.Orders;

public sealed class PurchaseBindingTests
{
    private const string Approval = """
        [{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":2,"max_amount":{"currency":"USD","value":"280.00"}}]
        """;

    private static readonly Money Total = new("USD", 140.00m);

    [Fact]
    public void NoAuthorizationDetails_IsNotBound()
    {
        Assert.Same(BindingResult.NotBound, PurchaseBinding.Check(null, "nike-pegasus-41", 10.5m, 1, Total));
        Assert.Same(BindingResult.NotBound, PurchaseBinding.Check(Json("[]"), "nike-pegasus-41", 10.5m, 1, Total));
    }

    [Fact]
    public void MatchingOrder_IsAllowed_WithTheApprovedPurchase()
    {
        var result = PurchaseBinding.Check(Json(Approval), "nike-pegasus-41", 10.50m, 2, new Money("USD", 280.00m));

        Assert.True(result.IsAllowed);
        Assert.Equal(new ShoePurchaseDetail("nike-pegasus-41", 10.5m, 2, "USD", 280.00m), result.Approved);
    }

    [Theory]
    [InlineData("nike-vomero-18", 10.5, 1, 140.00, "USD")]
    [InlineData("nike-pegasus-41", 10, 1, 140.00, "USD")]
    [InlineData("nike-pegasus-41", 10.5, 3, 140.00, "USD")]
    [InlineData("nike-pegasus-41", 10.5, 1, 280.01, "USD")]
    [InlineData("nike-pegasus-41", 10.5, 1, 140.00, "EUR")]
    public void OrderOutsideTheApproval_IsRefused(string productId, decimal size, int quantity, decimal total, string currency)
    {
        var result = PurchaseBinding.Check(Json(Approval), productId, size, quantity, new Money(currency, total));

        Assert.False(result.IsAllowed);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public void SecondOfTwoApprovedPurchases_Matches()
    {
        var details = Json("""
            [{"type":"shoe_purchase","product_id":"brooks-ghost-16","size":9,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}},
             {"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]
            """);

        Assert.True(PurchaseBinding.Check(details, "nike-pegasus-41", 10.5m, 1, Total).IsAllowed);
    }

    [Theory]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"usd","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"1e3"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1.5,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":["nike-pegasus-41"],"size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"product_id":"nike-pegasus-41"}]""")]
    [InlineData("""[42]""")]
    [InlineData("""[{"type":"account_information"}]""")]
    public void MalformedOrForeignDetails_AreRefused(string details)
    {
        Assert.False(PurchaseBinding.Check(Json(details), "nike-pegasus-41", 10.5m, 1, Total).IsAllowed);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;
}
