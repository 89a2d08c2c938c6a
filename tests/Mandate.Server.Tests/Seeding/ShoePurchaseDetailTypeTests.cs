using Mandate.Server.Demo;

namespace Mandate.Server.Tests.Seeding;

/// <summary>The demo hosts' <c>shoe_purchase</c> type (docs/architecture.md, "Contracts in one place").</summary>
public sealed class ShoePurchaseDetailTypeTests
{
    private static readonly ShoePurchaseDetailType Type = new();

    [Theory]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"brooks-ghost-16","size":9,"quantity":2,"max_amount":{"currency":"EUR","value":"0"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike-pegasus-41","product_name":"Nike Pegasus 41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    public void Validate_TheContractsShape_IsValid(string json) => Assert.Null(Type.Validate(Parse(json)));

    [Theory]
    [InlineData("""{"type":"shoe_purchase"}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","size":"10.5","quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","size":10.25,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":0,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1.5,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"usd","value":"140.00"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"USD","value":140}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"1e3"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"140.00","tax":"1"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"},"extra":true}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","product_name":"","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","product_name":" Nike","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","product_name":"Nike\u0007","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    [InlineData("""{"type":"shoe_purchase","product_id":"nike","product_name":7,"size":10,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}""")]
    public void Validate_AnythingElse_IsRefusedWithADescription(string json) =>
        Assert.StartsWith("shoe_purchase", Type.Validate(Parse(json)), StringComparison.Ordinal);

    [Fact]
    public void Type_IsShoePurchase() => Assert.Equal("shoe_purchase", Type.Type);

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
