using System.Text.Json;
using ShoeStore.Api.Orders;
using ShoeStore.Api.Pricing;
using ShoeStore.Api.Storage;

namespace ShoeStore.Api.Tests.Orders;

public sealed class PurchaseBindingTests
{
    private const string Approval = """
        [{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":2,"max_amount":{"currency":"USD","value":"280.00"}}]
        """;

    private const string SpendingLimitBound = """
        [{"type":"shoe_purchase","quantity":1,"max_amount":{"currency":"USD","value":"250.00"}}]
        """;

    private static readonly Money Total = new("USD", 140.00m);

    private static readonly Product Pegasus = Shoe("nike-pegasus-41", "Nike", "Pegasus 41");

    private static readonly Product Vomero = Shoe("nike-vomero-18", "Nike", "Vomero 18");

    [Fact]
    public void NoAuthorizationDetails_IsNotBound()
    {
        Assert.Same(BindingResult.NotBound, PurchaseBinding.Check(null, Pegasus, 10.5m, 1, Total));
        Assert.Same(BindingResult.NotBound, PurchaseBinding.Check(Json("[]"), Pegasus, 10.5m, 1, Total));
    }

    [Fact]
    public void MatchingOrder_IsAllowed_WithTheApprovedPurchase()
    {
        var result = PurchaseBinding.Check(Json(Approval), Pegasus, 10.50m, 2, new Money("USD", 280.00m));

        Assert.True(result.IsAllowed);
        Assert.Equal(new ShoePurchaseDetail("nike-pegasus-41", null, 10.5m, 2, "USD", 280.00m), result.Approved);
    }

    [Theory]
    [InlineData("nike-vomero-18", 10.5, 1, 140.00, "USD")]
    [InlineData("nike-pegasus-41", 10, 1, 140.00, "USD")]
    [InlineData("nike-pegasus-41", 10.5, 3, 140.00, "USD")]
    [InlineData("nike-pegasus-41", 10.5, 1, 280.01, "USD")]
    [InlineData("nike-pegasus-41", 10.5, 1, 140.00, "EUR")]
    public void OrderOutsideTheApproval_IsRefused(string productId, decimal size, int quantity, decimal total, string currency)
    {
        var result = PurchaseBinding.Check(Json(Approval), productId == Pegasus.Id ? Pegasus : Vomero, size, quantity, new Money(currency, total));

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

        Assert.True(PurchaseBinding.Check(details, Pegasus, 10.5m, 1, Total).IsAllowed);
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
        Assert.False(PurchaseBinding.Check(Json(details), Pegasus, 10.5m, 1, Total).IsAllowed);
    }

    [Fact]
    public void SpendingLimitBound_AllowsOnePairOfAnyProductAndSize_UpToTheLimit()
    {
        Assert.True(PurchaseBinding.Check(Json(SpendingLimitBound), Vomero, 9m, 1, new Money("USD", 250.00m)).IsAllowed);
        Assert.True(PurchaseBinding.Check(Json(SpendingLimitBound), Pegasus, 10.5m, 1, Total).IsAllowed);
    }

    [Theory]
    [InlineData(2, 200.00, "USD")]
    [InlineData(1, 250.01, "USD")]
    [InlineData(1, 100.00, "EUR")]
    public void SpendingLimitBound_RefusesMoreThanOnePairOrMoreThanTheLimit(int quantity, decimal total, string currency)
    {
        var result = PurchaseBinding.Check(Json(SpendingLimitBound), Pegasus, 10.5m, quantity, new Money(currency, total));

        Assert.False(result.IsAllowed);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public void ProductNameTheCustomerSaw_MustBeTheProductsName()
    {
        const string named = """
            [{"type":"shoe_purchase","product_id":"nike-pegasus-41","product_name":"Nike Pegasus 41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]
            """;
        var renamed = Shoe("nike-pegasus-41", "Nike", "Pegasus 41 Trail");

        Assert.True(PurchaseBinding.Check(Json(named), Pegasus, 10.5m, 1, Total).IsAllowed);
        var refused = PurchaseBinding.Check(Json(named), renamed, 10.5m, 1, Total);
        Assert.False(refused.IsAllowed);
        Assert.Contains("Nike Pegasus 41", refused.Reason);
    }

    [Theory]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike-pegasus-41","quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_name":42,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    public void ProductWithoutSizeOrSizeWithoutProduct_IsMalformed(string details)
    {
        Assert.False(PurchaseBinding.Check(Json(details), Pegasus, 10.5m, 1, Total).IsAllowed);
    }

    private static Product Shoe(string id, string brand, string model) =>
        new() { Id = id, Brand = brand, Model = model, Category = "running", Description = "", Currency = "USD" };

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;
}
