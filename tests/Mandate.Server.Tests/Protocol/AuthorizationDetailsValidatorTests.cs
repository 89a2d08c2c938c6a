using Mandate.Server.Ciba;

namespace Mandate.Server.Tests.Protocol;

public sealed class AuthorizationDetailsValidatorTests
{
    private const string Valid = """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""";

    [Fact]
    public void ContractExample_IsAcceptedAndKeptAsAnArray()
    {
        var result = AuthorizationDetailsValidator.Validate(Valid);
        Assert.False(result.Failed);
        Assert.StartsWith("[{", result.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"shoe_purchase"}""")]
    [InlineData("""[]""")]
    [InlineData("""[{"type":"wire_transfer","amount":"1"}]""")]
    [InlineData("""[{"product_id":"x"}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike","size":"10.5","quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike","size":10.25,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":0,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1.5,"max_amount":{"currency":"USD","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"usd","value":"140.00"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"USD","value":140}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"1e3"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"140.00\n"}}]""")]
    [InlineData("""[{"type":"shoe_purchase","product_id":"nike","size":10,"quantity":1,"max_amount":{"currency":"USD","value":"140.00"},"extra":true}]""")]
    [InlineData("""not json""")]
    public void MalformedOrUnregistered_IsInvalidAuthorizationDetails(string json) =>
        Assert.Equal("invalid_authorization_details", AuthorizationDetailsValidator.Validate(json).Error?.Code);
}
