using ShoeStore.Api.Pricing;

namespace ShoeStore.Api.Tests.Pricing;

public sealed class PriceCalculatorTests
{
    [Fact]
    public void Price_WithDeal_DiscountsEachPairRoundedToCents()
    {
        var price = PriceCalculator.Price(139.99m, "USD", 2, 15, "US", "OR");

        Assert.Equal(21.00m, price.Discount); // 20.9985 → 21.00
        Assert.Equal(237.98m, price.Subtotal);
    }

    [Theory]
    [InlineData(99.99, 7.95)]
    [InlineData(100.00, 0.00)]
    public void Price_InTheUs_ShipsFreeFrom100(decimal listPrice, decimal shipping)
    {
        Assert.Equal(shipping, PriceCalculator.Price(listPrice, "USD", 1, 0, "US", "OR").Shipping);
    }

    [Theory]
    [InlineData("US", "WA", 6.50)]
    [InlineData("US", "CA", 7.25)]
    [InlineData("US", "OR", 0.00)]
    [InlineData("CA", "BC", 5.00)]
    [InlineData("DE", "BE", 0.00)]
    public void Price_TaxFollowsTheDestination(string country, string region, decimal percent)
    {
        var price = PriceCalculator.Price(200.00m, "USD", 1, 0, country, region);

        Assert.Equal(Money.RoundToCents(200.00m * percent / 100m), price.Tax);
        Assert.Equal(price.Subtotal + price.Shipping + price.Tax, price.Total);
    }

    [Fact]
    public void Price_TaxRoundsHalfAwayFromZero()
    {
        // 65.00 × 6.5 % = 4.225
        Assert.Equal(4.23m, PriceCalculator.Price(65.00m, "USD", 1, 0, "US", "WA").Tax);
    }

    [Fact]
    public void Price_PegasusForEndUser_FitsTheTutorialsMaxAmountOf140()
    {
        var price = PriceCalculator.Price(140.00m, "USD", 1, 0, "US", "OR");

        Assert.True(price.Total <= 140.00m);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 91)]
    [InlineData(1, -1)]
    public void Price_OutOfRangeInput_Throws(int quantity, int percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PriceCalculator.Price(10m, "USD", quantity, percent, "US", "OR"));
    }

    [Fact]
    public void Money_WritesTwoDecimalsInvariantly()
    {
        Assert.Equal("140.00", new Money("USD", 140m).Value);
        Assert.Equal("0.50", new Money("USD", 0.5m).Value);
    }
}
