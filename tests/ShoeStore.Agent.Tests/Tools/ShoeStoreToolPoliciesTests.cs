using System.Text.Json;
using Mandate.AI.Authorization;
using Mandate.AI.Policies;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using ShoeStore.Agent.Store;
using ShoeStore.Agent.Tests.Fakes;
using ShoeStore.Agent.Tools;

namespace ShoeStore.Agent.Tests.Tools;

public sealed class ShoeStoreToolPoliciesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly QuoteBook _quotes = new();
    private readonly CatalogMemory _catalog = new();
    private readonly FakeToolTokenSource _source = new();
    private readonly ToolAuthorizer _authorizer;

    public ShoeStoreToolPoliciesTests()
    {
        var options = new ToolAuthorizationOptions { LoginHint = "end.user" };
        options.SetPolicy(ToolNames.GetTailoredQuote, ToolPolicy.OnBehalfOfUser("address"));
        options.SetPolicy(ToolNames.PurchaseItem, ToolPolicy.OnBehalfOfUser("payment").RequireSingleUse());
        options.SetPolicy(ToolNames.GetOrders, ToolPolicy.OnBehalfOfUser("payment"));
        ShoeStoreToolPolicies.Apply(options, _quotes, _catalog, _time);
        _authorizer = new ToolAuthorizer(_source, options, _time);
    }

    [Fact]
    public async Task Purchase_AsksApprovalForTheQuotedItemWithTheQuotedTotalAsMaxAmount()
    {
        _quotes.Add(Quote("q_1", expiresAt: _time.GetUtcNow().AddMinutes(15)));

        await _authorizer.AuthorizeAsync(Call(ToolNames.PurchaseItem, ("quoteId", "q_1")), default);

        var request = Assert.Single(_source.UserRequests);
        Assert.Equal("Allow agent to buy Nike Air Zoom Pegasus 41 for $137.03?", request.BindingMessage);
        Assert.Equal(
            """[{"type":"shoe_purchase","product_id":"nike-pegasus-41","product_name":"Nike Air Zoom Pegasus 41","size":10.5,"quantity":1,"max_amount":{"currency":"USD","value":"137.03"}}]""",
            request.AuthorizationDetails?.GetRawText());
    }

    [Fact]
    public async Task Purchase_LongProductName_KeepsTheAmountInTheBindingMessage()
    {
        _quotes.Add(Quote("q_2", name: "Cole Haan OriginalGrand Wingtip Oxford Special Edition in British Tan and Black Leather, Wide Fit", expiresAt: _time.GetUtcNow().AddMinutes(15)));

        await _authorizer.AuthorizeAsync(Call(ToolNames.PurchaseItem, ("quoteId", "q_2")), default);

        var message = Assert.Single(_source.UserRequests).BindingMessage;
        Assert.NotNull(message);
        Assert.True(message.Length <= Mandate.AI.Policies.BindingMessage.MaxLength);
        Assert.EndsWith("… for $137.03?", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purchase_UnknownQuote_IsRefusedWithoutAskingTheCustomer()
    {
        var outcome = await _authorizer.AuthorizeAsync(Call(ToolNames.PurchaseItem, ("quoteId", "q_made_up")), default);

        Assert.Equal(ToolAuthorizationErrors.InvalidRequest, outcome.Failure?.Error);
        Assert.Contains("getTailoredQuote", outcome.Failure?.Message, StringComparison.Ordinal);
        Assert.Empty(_source.UserRequests);
    }

    [Fact]
    public async Task Purchase_ExpiredQuote_IsRefusedWithoutAskingTheCustomer()
    {
        _quotes.Add(Quote("q_old", expiresAt: _time.GetUtcNow().AddMinutes(-1)));

        var outcome = await _authorizer.AuthorizeAsync(Call(ToolNames.PurchaseItem, ("quoteId", "q_old")), default);

        Assert.Contains("expired", outcome.Failure?.Message, StringComparison.Ordinal);
        Assert.Empty(_source.UserRequests);
    }

    [Fact]
    public async Task Quote_NamesTheShoeSeenInTheCatalog()
    {
        _catalog.Remember("nike-pegasus-41", "Nike Air Zoom Pegasus 41");

        await _authorizer.AuthorizeAsync(Call(ToolNames.GetTailoredQuote, ("productId", "nike-pegasus-41"), ("size", 10m)), default);

        Assert.Equal("Allow agent to quote Nike Air Zoom Pegasus 41 to your address?", Assert.Single(_source.UserRequests).BindingMessage);
    }

    [Fact]
    public async Task Purchase_Declined_TellsTheModelNoOrderWasPlaced()
    {
        _quotes.Add(Quote("q_1", expiresAt: _time.GetUtcNow().AddMinutes(15)));
        _source.UserToken = (_, _) => Mandate.AI.Tokens.ToolTokenResult.Failure("access_denied");

        var outcome = await _authorizer.AuthorizeAsync(Call(ToolNames.PurchaseItem, ("quoteId", "q_1")), default);

        Assert.Equal("The customer declined the purchase on their device, so no order was placed.", outcome.Failure?.Message);
    }

    private static ToolCall Call(string name, params (string Name, object Value)[] arguments) =>
        new(name, new AIFunctionArguments(arguments.ToDictionary(a => a.Name, a => (object?)JsonSerializer.SerializeToElement(a.Value))));

    private static StoreQuote Quote(string id, DateTimeOffset expiresAt, string name = "Nike Air Zoom Pegasus 41")
    {
        var usd = (string value) => new StoreMoney("USD", value);
        return new StoreQuote(id, "nike-pegasus-41", name, 10.5m, 1, usd("140.00"), usd("14.00"), "Pegasus week",
            usd("126.00"), usd("0.00"), usd("11.03"), usd("137.03"), new StoreShipTo("Austin", "TX", "US"), expiresAt);
    }
}
