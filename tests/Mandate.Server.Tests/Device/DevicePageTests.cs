using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mandate.Server.Tests.Device;

/// <summary>
/// The /device page in headless Chromium against a real server on a loopback port: sign-in, live arrival of a
/// backchannel request, approve and deny seen by the agent's poll, expiry, per-user isolation, inert markup, keyboard
/// use. One browser for the class; a fresh server, context and page per test; every wait is bounded.
/// </summary>
public sealed partial class DevicePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private PhonePage _phone = null!;

    public async Task InitializeAsync() => _phone = await PhonePage.OpenAsync(browser, await DevicePageServer.StartAsync());

    public async Task DisposeAsync() => await _phone.DisposeAsync();

    [Fact]
    public async Task SignIn_ShowsTheEmptyState_AndStaysSignedInAcrossAReload()
    {
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);
        await Expect(_phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Nothing to approve right now" })).ToBeVisibleAsync();
        await Expect(_phone.Page.Locator("#signed-in-as")).ToHaveTextAsync("Signed in as end.user");

        await _phone.Page.ReloadAsync();
        await Expect(_phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Waiting for you" })).ToBeVisibleAsync();
        await Expect(_phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to approve requests" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SignOut_ReturnsToTheSignInForm_AndEndsTheSession()
    {
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);
        await _phone.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(_phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to approve requests" })).ToBeVisibleAsync();

        await _phone.Page.ReloadAsync();
        await Expect(_phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to approve requests" })).ToBeVisibleAsync();
        await Expect(_phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Waiting for you" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SignIn_WrongPasswordThenThrottled_ExplainsEachPolitely()
    {
        await _phone.Page.GotoAsync(_phone.Server.PageUrl);
        await SubmitSignInAsync(_phone.Page, "end.user", "not-the-password");
        await Expect(_phone.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong username or password.");

        // Four more failures (five in all, the default) make the account wait a minute; the page reports the 429.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await _phone.Server.FailSignInAsync("end.user")).StatusCode);
        }

        await SubmitSignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);
        await Expect(_phone.Page.GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("Too many sign-in attempts. To protect your account, please wait 60 seconds and try again.");
    }

    [Fact]
    public async Task BackchannelRequest_AppearsLive_WithAgentMessageScopesPurchaseAndCountdown()
    {
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);

        await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());

        var card = Card(_phone.Page, PhonePage.PurchaseMessage);
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.Locator(".agent")).ToHaveTextAsync("Shoe Store Assistant");
        await Expect(card.Locator(".binding-message")).ToHaveTextAsync(PhonePage.PurchaseMessage);
        await Expect(card.Locator(".scopes li")).ToHaveTextAsync(["Confirm to the app that it is you", "Place an order and pay with your saved payment method"]);
        await Expect(card.Locator(".details-list dt")).ToHaveTextAsync(["Product", "Size", "Quantity", "Up to"]);
        await Expect(card.Locator(".details-list dd")).ToHaveTextAsync(["nike-pegasus-41", "US 10.5", "1", "$140.00"]);
        await Expect(card.Locator(".countdown")).ToHaveTextAsync(Countdown());
        await Expect(_phone.Page).ToHaveTitleAsync("(1) Approvals · Mandate");
        await Expect(_phone.Page.Locator("#pending-count")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task EventStream_AfterTheConnectionDrops_ReconnectsByItselfAndCatchesUp()
    {
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);

        _phone.Server.InterruptEventStreams();
        await Expect(_phone.Page.Locator("#live")).Not.ToHaveTextAsync("Live");
        await _phone.Server.StartCibaAsync("end.user", "Sent while disconnected");
        _phone.Server.RestoreEventStreams();

        await Expect(_phone.Page.Locator("#live")).ToHaveTextAsync("Live");
        await Expect(Card(_phone.Page, "Sent while disconnected")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Approve_TheAgentsPollGetsAToken()
    {
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);
        var authReqId = await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        var card = Card(_phone.Page, PhonePage.PurchaseMessage);

        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Expect(card).ToHaveCountAsync(0);
        await Expect(_phone.Page.Locator("#history .outcome")).ToHaveTextAsync(["Approved"]);
        var poll = await _phone.Server.PollAsync(authReqId);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.False(string.IsNullOrEmpty((await poll.ReadJsonAsync()).GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task Deny_TheAgentsPollGetsAccessDenied()
    {
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);
        var authReqId = await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        var card = Card(_phone.Page, PhonePage.PurchaseMessage);

        await card.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();

        await Expect(card).ToHaveCountAsync(0);
        await Expect(_phone.Page.Locator("#history .outcome")).ToHaveTextAsync(["Denied"]);
        await (await _phone.Server.PollAsync(authReqId)).AssertErrorAsync(HttpStatusCode.BadRequest, "access_denied");
    }

    [Fact]
    public async Task Countdown_ReachingZero_ShowsExpiredAndDisablesTheButtons()
    {
        await _phone.Page.Clock.InstallAsync();
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);
        var authReqId = await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        var card = Card(_phone.Page, PhonePage.PurchaseMessage);
        await Expect(card.Locator(".countdown")).ToHaveTextAsync(Countdown());

        // Five minutes (the default expiry) and a second pass, for the server and for the browser.
        _phone.Server.Time.Advance(TimeSpan.FromSeconds(301));
        await _phone.Page.Clock.FastForwardAsync(301_000);

        await Expect(card.Locator(".countdown")).ToHaveTextAsync("Expired");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeDisabledAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Deny" })).ToBeDisabledAsync();
        await Expect(_phone.Page).ToHaveTitleAsync("Approvals · Mandate");
        await (await _phone.Server.PollAsync(authReqId)).AssertErrorAsync(HttpStatusCode.BadRequest, "expired_token");
    }

    [Fact]
    public async Task Approve_AfterTheServerSaysExpired_IsRefusedAndExplained()
    {
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);
        var authReqId = await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        var card = Card(_phone.Page, PhonePage.PurchaseMessage);
        await Expect(card).ToBeVisibleAsync();

        // The phone's clock still shows time left; the server's has passed the expiry.
        _phone.Server.Time.Advance(TimeSpan.FromSeconds(301));
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Expect(_phone.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Too late: this request has expired or was already answered. Nothing was approved.");
        await Expect(card).ToHaveCountAsync(0);
        await Expect(_phone.Page.Locator("#history li")).ToHaveCountAsync(0);
        await (await _phone.Server.PollAsync(authReqId)).AssertErrorAsync(HttpStatusCode.BadRequest, "expired_token");
    }

    [Fact]
    public async Task AnotherUser_SeesNoneOfTheUsersRequests()
    {
        await SignInAsync(_phone.Page, "app.owner", _phone.Server.Seed.AppOwnerPassword);

        await _phone.Server.StartCibaAsync("end.user", "For end.user only", DevicePageServer.Purchase());
        await _phone.Server.StartCibaAsync("app.owner", "For app.owner");

        // The owner's own request arrives after the other user's: once it is shown, the other would have been too.
        await Expect(Card(_phone.Page, "For app.owner")).ToBeVisibleAsync();
        await Expect(_phone.Page.Locator("#pending > li")).ToHaveCountAsync(1);
        await Expect(_phone.Page.GetByText("For end.user only")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task MarkupInTheBindingMessage_IsShownAsTextAndNeverRuns()
    {
        const string Markup = "<img src=x onerror=alert(1)><b>Buy</b><script>alert(2)</script>";
        var dialogs = new List<string>();
        _phone.Page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);

        await _phone.Server.StartCibaAsync("end.user", Markup, DevicePageServer.Purchase());

        var card = Card(_phone.Page, "<b>Buy</b>");
        await Expect(card.Locator(".binding-message")).ToHaveTextAsync(Markup);
        await Expect(card.Locator("img, b, script")).ToHaveCountAsync(0);
        await card.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await Expect(_phone.Page.Locator("#history .what")).ToHaveTextAsync(["“" + Markup + "”"]);
        await Expect(_phone.Page.Locator("#history").Locator("img, b, script")).ToHaveCountAsync(0);
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task MarkupInEveryFieldFromTheAgent_IsShownAsTextAndNeverRuns()
    {
        // Fields the server already restricts (product ids, currencies) are rendered the same way: the page does not
        // rely on the server's checks. The list is answered by the test, so any value can be tried.
        var expires = DateTimeOffset.UtcNow.AddMinutes(5).ToString("O");
        var request = new
        {
            id = "crafted-1",
            client_id = "ai-agent",
            client_name = "<script>alert(1)</script>Agent",
            binding_message = "<img src=x onerror=alert(2)>",
            scopes = new[] { "payment" },
            scope_descriptions = new[] { new { name = "payment", description = "<b>Pay</b> <iframe src=javascript:alert(3)>" } },
            authorization_details = new object[]
            {
                new { type = "shoe_purchase", product_id = "<img src=y onerror=alert(4)>", size = "<i>9</i>", quantity = "<u>1</u>", max_amount = new { currency = "<svg onload=alert(5)>", value = "1" } },
                new { type = "<em>other</em>", note = "<a href=javascript:alert(6)>click</a>" },
            },
            created_at = DateTimeOffset.UtcNow.ToString("O"),
            expires_at = expires,
        };
        var dialogs = new List<string>();
        _phone.Page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        await _phone.Page.GotoAsync(_phone.Server.PageUrl);
        await Expect(_phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to approve requests" })).ToBeVisibleAsync();
        await _phone.Page.RouteAsync("**/device/api/requests", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = System.Text.Json.JsonSerializer.Serialize(new[] { request }),
        }));

        await SubmitSignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);

        var card = Card(_phone.Page, "Agent");
        await Expect(_phone.Page.Locator("#pending > li")).ToHaveCountAsync(1);
        await Expect(card.Locator(".agent")).ToHaveTextAsync("<script>alert(1)</script>Agent");
        await Expect(card.Locator(".binding-message")).ToHaveTextAsync("<img src=x onerror=alert(2)>");
        await Expect(card.Locator(".scopes li")).ToHaveTextAsync(["<b>Pay</b> <iframe src=javascript:alert(3)>"]);
        await Expect(card.Locator(".details-list dd")).ToHaveTextAsync(
            ["<img src=y onerror=alert(4)>", "US <i>9</i>", "<u>1</u>", "1 <svg onload=alert(5)>", "<em>other</em>", "<a href=javascript:alert(6)>click</a>"]);
        await Expect(_phone.Page.Locator("#requests-view").Locator("img, script, b, i, u, svg, iframe, em, a")).ToHaveCountAsync(0);
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task KeyboardOnly_SignInThenApprove_TheAgentsPollGetsAToken()
    {
        await _phone.Page.GotoAsync(_phone.Server.PageUrl);
        await Expect(_phone.Page.GetByLabel("Username")).ToBeFocusedAsync();
        await _phone.Page.Keyboard.TypeAsync("end.user");
        await _phone.Page.Keyboard.PressAsync("Tab");
        await _phone.Page.Keyboard.TypeAsync(_phone.Server.Seed.EndUserPassword);
        await _phone.Page.Keyboard.PressAsync("Enter");
        await Expect(_phone.Page.Locator("#live")).ToHaveTextAsync("Live");
        var authReqId = await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        var card = Card(_phone.Page, PhonePage.PurchaseMessage);
        await Expect(card).ToBeVisibleAsync();

        // Tab (at most ten times) until focus enters the card: the first control there must be Approve.
        string? focused = null;
        for (var i = 0; i < 10 && focused is null; i++)
        {
            await _phone.Page.Keyboard.PressAsync("Tab");
            focused = await _phone.Page.EvaluateAsync<string?>("() => document.activeElement.closest('#pending > li') ? document.activeElement.textContent : null");
        }

        Assert.Equal("Approve", focused);
        await _phone.Page.Keyboard.PressAsync("Enter");

        await Expect(card).ToHaveCountAsync(0);
        await Expect(_phone.Page.Locator("#pending-title")).ToBeFocusedAsync();
        Assert.Equal(HttpStatusCode.OK, (await _phone.Server.PollAsync(authReqId)).StatusCode);
    }

    [Fact]
    public async Task HundredCharacterBindingMessage_OnAPhoneScreen_WrapsWithoutSidewaysScrolling()
    {
        // The longest message the server accepts, with a 69-character word that cannot break at a space.
        var message = "Allow agent to place order for " + new string('W', 68) + "?";
        Assert.Equal(100, message.Length);
        await SignInAsync(_phone.Page, "end.user", _phone.Server.Seed.EndUserPassword);
        await _phone.Server.StartCibaAsync("end.user", message);

        await Expect(Card(_phone.Page, "Allow agent to place order for").Locator(".binding-message")).ToHaveTextAsync(message);
        Assert.False(await _phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));
    }

    [Fact]
    public async Task PendingPurchase_OnAPhoneScreen_FitsWithoutSidewaysScrolling()
    {
        // scripts/screenshots.sh runs this test with MANDATE_SCREENSHOT set to write docs/images/device.png.
        await using var phone = await browser.NewPhoneContextAsync(deviceScaleFactor: 2);
        var page = await phone.NewPageAsync();
        await SignInAsync(page, "end.user", _phone.Server.Seed.EndUserPassword);
        await _phone.Server.StartCibaAsync("end.user", "Quote for Nike Pegasus 41, size 10.5", scope: "openid address");
        await Card(page, "Quote for").GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(page.Locator("#history li")).ToHaveCountAsync(1);
        await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        await Expect(Card(page, PhonePage.PurchaseMessage)).ToBeVisibleAsync();

        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));

        var target = Environment.GetEnvironmentVariable("MANDATE_SCREENSHOT");
        var path = string.IsNullOrEmpty(target) ? Path.Combine(_phone.Server.DataDirectory, "device.png") : Path.GetFullPath(target);
        await page.Locator("#toast").EvaluateAsync("toast => toast.hidden = true");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        Assert.True(new FileInfo(path).Length > 10_000);
    }

    private static ILocator Card(IPage page, string text) => page.Locator("#pending > li").Filter(new() { HasText = text });

    private static async Task SubmitSignInAsync(IPage page, string username, string password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Opens the page, signs in, and waits until the event stream is open.</summary>
    private async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync(_phone.Server.PageUrl);
        await SubmitSignInAsync(page, username, password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Waiting for you" })).ToBeVisibleAsync();
        await Expect(page.Locator("#live")).ToHaveTextAsync("Live");
    }

    [GeneratedRegex(@"^Expires in [0-5]:[0-5]\d$")]
    private static partial Regex Countdown();
}
