using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mandate.Server.Tests.Device;

/// <summary>
/// The device page in Chromium (docs/device.md): the person's spending limit, the bound it puts on a payment request
/// that named nothing ("One order of one pair up to …"), and an identical request shown once with how often it was asked.
/// </summary>
public sealed class SpendingLimitPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private PhonePage _phone = null!;

    public async Task InitializeAsync()
    {
        _phone = await PhonePage.OpenAsync(browser, await DevicePageServer.StartAsync(new() { ["Mandate:Ciba:CollapseIdenticalRequests"] = "true" }));
        await _phone.SignInAsync();
    }

    public async Task DisposeAsync() => await _phone.DisposeAsync();

    [Fact]
    public async Task ThePersonSetsALimit_AndTheNextPaymentRequestShowsItAsItsBound()
    {
        await Expect(_phone.Page.Locator("#limit-current")).ToHaveTextAsync("$250.00 (the default)");
        await _phone.Page.GetByLabel("New limit").FillAsync("80");
        await _phone.Page.GetByRole(AriaRole.Button, new() { Name = "Save limit" }).ClickAsync();
        await Expect(_phone.Page.Locator("#limit-current")).ToHaveTextAsync("$80.00");

        await _phone.Server.StartCibaAsync("end.user", "Allow agent to place an order?");

        var card = _phone.Page.Locator("li.card", new() { HasText = "Allow agent to place an order?" });
        await Expect(card.Locator("dd")).ToHaveTextAsync("One order of one pair up to $80.00");
    }

    [Fact]
    public async Task ALimitThatCannotBe_IsExplained_AndNothingChanges()
    {
        // The page shows the limit once it has loaded it, and its form is ready then (a fill before could be reset).
        await Expect(_phone.Page.Locator("#limit-current")).ToHaveTextAsync("$250.00 (the default)");
        await _phone.Page.GetByLabel("New limit").FillAsync("12.345");
        await _phone.Page.GetByRole(AriaRole.Button, new() { Name = "Save limit" }).ClickAsync();

        await Expect(_phone.Page.Locator("#limit-error")).ToContainTextAsync("at most 2 decimals");
        await Expect(_phone.Page.Locator("#limit-current")).ToHaveTextAsync("$250.00 (the default)");
    }

    [Fact]
    public async Task TheSameRequestThreeTimes_IsOneCard_ThatSaysSo()
    {
        for (var i = 0; i < 3; i++)
        {
            await _phone.Server.StartCibaAsync("end.user", "Buy Nike Pegasus 41 for $140", DevicePageServer.Purchase());
        }

        await Expect(_phone.Page.Locator("li.card")).ToHaveCountAsync(1);
        await Expect(_phone.Page.Locator("li.card .asked-again")).ToHaveTextAsync("The agent asked 3 times for this; one answer covers them all.");
        await Expect(_phone.Page.Locator("li.card dd").First).ToContainTextAsync("nike-pegasus-41");
    }
}
