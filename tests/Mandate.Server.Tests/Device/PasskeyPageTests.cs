using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mandate.Server.Tests.Device;

/// <summary>
/// Passkeys on the /device page in headless Chromium with a CDP virtual authenticator (WebAuthn.addVirtualAuthenticator:
/// ctap2, internal, resident keys, user verification that succeeds): add a passkey, sign in with it, approve a payment
/// with it and see the agent's token say <c>amr: ["pop","user"]</c>; a click approval of a payment refused once a
/// passkey exists; a signature made over one request's challenge refused for another. The page is served on
/// <c>http://localhost:PORT</c>: WebAuthn refuses an IP address as relying-party id.
/// </summary>
public sealed class PasskeyPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private PhonePage _phone = null!;
    private ICDPSession _cdp = null!;
    private string _authenticatorId = "";

    public async Task InitializeAsync()
    {
        _phone = await PhonePage.OpenAsync(browser, await DevicePageServer.StartAsync(onLocalhost: true));
        Assert.StartsWith("http://localhost:", _phone.Server.BaseUrl, StringComparison.Ordinal);
        _cdp = await _phone.Context.NewCDPSessionAsync(_phone.Page);
        await _cdp.SendAsync("WebAuthn.enable");
        var added = await _cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        _authenticatorId = added!.Value.GetProperty("authenticatorId").GetString()!;
    }

    public async Task DisposeAsync() => await _phone.DisposeAsync();

    [Fact]
    public async Task AddPasskey_SignInWithIt_ApproveAPaymentWithIt_TheTokenSaysPopUser()
    {
        await _phone.SignInAsync();
        await AddPasskeyAsync();
        var credential = Assert.Single(await CredentialsAsync());
        Assert.True(credential.GetProperty("isResidentCredential").GetBoolean());

        // Sign out, then back in with the passkey alone.
        await _phone.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await _phone.Page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey instead" }).ClickAsync();
        await Expect(_phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Waiting for you" })).ToBeVisibleAsync();

        var authReqId = await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        var card = Card(PhonePage.PurchaseMessage);
        await Expect(card.Locator(".passkey-note")).ToHaveTextAsync("This payment needs your passkey.");
        var signCount = (await CredentialsAsync())[0].GetProperty("signCount").GetInt32();
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve with passkey" }).ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        await Expect(_phone.Page.Locator("#history .outcome")).ToHaveTextAsync(["Approved"]);
        Assert.True((await CredentialsAsync())[0].GetProperty("signCount").GetInt32() > signCount, "the approval was signed by the passkey");

        var response = await _phone.Server.PollAsync(authReqId);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        var access = Jwt.Payload(body.GetProperty("access_token").GetString()!);
        Assert.Equal(["pop", "user"], access.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("urn:mandate:acr:passkey", access.GetProperty("acr").GetString());
        Assert.Equal(["pop", "user"], Jwt.Payload(body.GetProperty("id_token").GetString()!).GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task WithoutAPasskey_APaymentIsApprovedByClick_AndThePageOffersToAddOne()
    {
        await _phone.SignInAsync();
        var authReqId = await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        var card = Card(PhonePage.PurchaseMessage);
        await Expect(card.Locator(".passkey-note")).ToContainTextAsync("A passkey protects payments");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(card).ToHaveCountAsync(0);

        var body = await (await _phone.Server.PollAsync(authReqId)).ReadJsonAsync();
        Assert.Equal(["pwd"], Jwt.Payload(body.GetProperty("access_token").GetString()!).GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task ClickApprovalOfAPayment_OnceAPasskeyExists_IsRefused()
    {
        await _phone.SignInAsync();
        await AddPasskeyAsync();
        await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        var card = Card(PhonePage.PurchaseMessage);
        await Expect(card).ToBeVisibleAsync();
        var id = await PendingIdAsync(PhonePage.PurchaseMessage);

        // What a script holding the session cookie would do: approve without the passkey.
        var answer = await _phone.Page.EvaluateAsync<JsonElement>(
            """
            async (id) => {
              const r = await fetch(`device/api/requests/${id}/approve`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
              return { status: r.status, detail: (await r.json()).detail };
            }
            """, id);
        Assert.Equal(403, answer.GetProperty("status").GetInt32());
        Assert.Contains("needs your passkey", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Expect(card).ToBeVisibleAsync();
        Assert.Contains(id, await PendingIdsAsync());
    }

    [Fact]
    public async Task PasskeySignatureOverAnotherRequestsChallenge_IsRefused()
    {
        await _phone.SignInAsync();
        await AddPasskeyAsync();
        await _phone.Server.StartCibaAsync("end.user", "Buy socks for $5", DevicePageServer.Purchase());
        await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        await Expect(Card(PhonePage.PurchaseMessage)).ToBeVisibleAsync();
        var shown = await PendingIdAsync("Buy socks for $5");
        var other = await PendingIdAsync(PhonePage.PurchaseMessage);

        // The passkey signs the challenge of the request shown; the signature is then sent to approve the other one.
        var status = await _phone.Page.EvaluateAsync<int>(
            """
            async ([shown, other]) => {
              const b64 = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(s.length / 4) * 4, "=")), (c) => c.charCodeAt(0));
              const post = (path, body) => fetch(`device/api/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
              const options = await (await post(`requests/${shown}/passkey-options`, {})).json();
              const credential = await navigator.credentials.get({ publicKey: {
                challenge: b64(options.challenge), rpId: options.rpId, userVerification: "required",
                allowCredentials: options.allowCredentials.map((c) => ({ type: c.type, id: b64(c.id) })) } });
              return (await post(`requests/${other}/approve`, { credential: credential.toJSON() })).status;
            }
            """, new[] { shown, other });
        Assert.Equal(403, status);
        Assert.Contains(other, await PendingIdsAsync());
        Assert.Contains(shown, await PendingIdsAsync());
    }

    [Fact]
    public async Task PaymentThatNeedsThePasskey_OnAPhoneScreen_FitsWithoutSidewaysScrolling()
    {
        // scripts/screenshots.sh runs this test with MANDATE_PASSKEY_SCREENSHOT set to write docs/images/device-passkey.png.
        await _phone.SignInAsync();
        await AddPasskeyAsync();
        await _phone.Server.StartCibaAsync("end.user", PhonePage.PurchaseMessage, DevicePageServer.Purchase());
        await Expect(Card(PhonePage.PurchaseMessage).GetByRole(AriaRole.Button, new() { Name = "Approve with passkey" })).ToBeVisibleAsync();
        Assert.False(await _phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));

        var target = Environment.GetEnvironmentVariable("MANDATE_PASSKEY_SCREENSHOT");
        var path = string.IsNullOrEmpty(target) ? Path.Combine(_phone.Server.DataDirectory, "device-passkey.png") : Path.GetFullPath(target);
        await _phone.Page.Locator("#toast").EvaluateAsync("toast => toast.hidden = true");
        await _phone.Page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        Assert.True(new FileInfo(path).Length > 10_000);
    }

    private async Task AddPasskeyAsync()
    {
        await Expect(_phone.Page.Locator("#passkeys-none")).ToBeVisibleAsync();
        await _phone.Page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(_phone.Page.Locator("#passkey-list li")).ToHaveCountAsync(1);
        await Expect(_phone.Page.Locator("#passkeys-none")).ToBeHiddenAsync();
    }

    private async Task<JsonElement[]> CredentialsAsync()
    {
        var result = await _cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = _authenticatorId });
        return result!.Value.GetProperty("credentials").EnumerateArray().ToArray();
    }

    private ILocator Card(string text) => _phone.Page.Locator("#pending > li").Filter(new() { HasText = text });

    private async Task<string[]> PendingIdsAsync() =>
        (await _phone.Page.EvaluateAsync<JsonElement>("async () => (await (await fetch('device/api/requests')).json()).map((r) => r.id)"))
            .EnumerateArray().Select(e => e.GetString()!).ToArray();

    private async Task<string> PendingIdAsync(string bindingMessage) =>
        await _phone.Page.EvaluateAsync<string>("async (m) => (await (await fetch('device/api/requests')).json()).find((r) => r.binding_message === m).id", bindingMessage);
}
