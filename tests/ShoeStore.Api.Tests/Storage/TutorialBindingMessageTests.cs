extern alias MandateServer;

using MandateServer::Mandate.Server.Ciba;
using ShoeStore.Api.Storage.Seed;

namespace ShoeStore.Api.Tests.Storage;

/// <summary>
/// The binding message the PingOne AIC tutorial's agent builds (<c>createBindingMessage</c>: "Allow agent to place
/// order for &lt;product name&gt;?") is accepted by Mandate.Server for every product of the store's catalog.
/// </summary>
public sealed class TutorialBindingMessageTests
{
    /// <summary>The tutorial's wording.</summary>
    public static string TutorialBindingMessage(string productName) => $"Allow agent to place order for {productName}?";

    [Fact]
    public void EveryProductInTheCatalog_TutorialBindingMessage_IsAcceptedByMandateServer()
    {
        var products = CatalogSeed.Products();
        Assert.NotEmpty(products);
        Assert.All(products, product =>
        {
            var message = TutorialBindingMessage(product.Brand + " " + product.Model);
            Assert.True(BindingMessageValidator.Validate(message) is null, message);
        });
    }

    [Fact]
    public void LongestProductName_TutorialBindingMessage_IsLongerThanTheOld64CharacterLimit()
    {
        var longest = CatalogSeed.Products().Select(p => TutorialBindingMessage(p.Brand + " " + p.Model)).MaxBy(m => m.Length)!;
        Assert.True(longest.Length > 64, longest);
        Assert.True(longest.Length <= BindingMessageValidator.MaxLength, longest);
    }
}
