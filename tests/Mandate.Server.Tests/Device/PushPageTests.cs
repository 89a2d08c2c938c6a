using System.Collections.Concurrent;
using Mandate.Server.Push;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mandate.Server.Tests.Device;

/// <summary>
/// The installable /device web app in headless Chromium: the service worker (sw.js) turns a Web Push into a
/// notification with the client name and binding message, and the notification's URL opens that request on the page;
/// "Get notifications on this device" subscribes with the server's VAPID key and registers the subscription; the
/// devices list removes one. Pushes are delivered through CDP (<c>ServiceWorker.deliverPushMessage</c>), so no push
/// service is needed; the server's sending half is tested against one in WebPushInteropTests.
/// </summary>
public sealed class PushPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private PhonePage _phone = null!;

    public async Task InitializeAsync() => _phone = await PhonePage.OpenAsync(
        browser, await DevicePageServer.StartAsync(new() { ["Mandate:Push:AllowedEndpoints:0"] = "http://127.0.0.1:9/" }), "notifications");

    public async Task DisposeAsync() => await _phone.DisposeAsync();

    /// <summary>The pending request the agent just made, as the device API lists it (read through the page's session).</summary>
    private async Task<JsonElement> NewRequestAsync(string bindingMessage)
    {
        await _phone.Server.StartCibaAsync("end.user", bindingMessage, DevicePageServer.Purchase());
        var pending = await _phone.Page.EvaluateAsync<JsonElement>("fetch('device/api/requests').then(r => r.json())");
        return pending.EnumerateArray().Single(r => r.GetProperty("binding_message").GetString() == bindingMessage);
    }

    /// <summary>The service worker's registration id, from CDP's ServiceWorker domain, once the page has registered it.</summary>
    private async Task<(ICDPSession Cdp, string RegistrationId)> WorkerAsync()
    {
        var cdp = await _phone.Context.NewCDPSessionAsync(_phone.Page);
        var registrations = new ConcurrentDictionary<string, string>();
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var registration in e!.Value.GetProperty("registrations").EnumerateArray())
            {
                if (!registration.GetProperty("isDeleted").GetBoolean())
                {
                    registrations[registration.GetProperty("scopeURL").GetString()!] = registration.GetProperty("registrationId").GetString()!;
                }
            }
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var scope = _phone.Server.PageUrl + "/";
        for (var i = 0; i < 150 && !registrations.ContainsKey(scope); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(registrations.TryGetValue(scope, out var id), "no service worker registered for " + scope + ": " + string.Join(", ", registrations.Keys));
        // Pushes go to an active worker.
        // Polled rather than awaited through statechange: between two states the page's view of the registration can
        // briefly show no installing, waiting or active worker at all.
        await _phone.Page.EvaluateAsync(@"async () => {
            for (let i = 0; i < 150; i++) {
                const r = await navigator.serviceWorker.getRegistration('device/');
                if (r && r.active) return;
                await new Promise(resolve => setTimeout(resolve, 100));
            }
            throw new Error('the device page\'s service worker never became active');
        }");
        return (cdp, id);
    }

    /// <summary>Evaluates a script in the device page's service worker (CDP Target domain, a session on its target).</summary>
    private async Task<string?> EvaluateInWorkerAsync(string expression)
    {
        var cdp = await browser.Browser.NewBrowserCDPSessionAsync();
        try
        {
            var targets = (await cdp.SendAsync("Target.getTargets"))!.Value.GetProperty("targetInfos").EnumerateArray();
            var worker = targets.Single(t => t.GetProperty("type").GetString() == "service_worker"
                && t.GetProperty("url").GetString() == _phone.Server.BaseUrl + "/device/sw.js");
            var attached = await cdp.SendAsync("Target.attachToTarget", new() { ["targetId"] = worker.GetProperty("targetId").GetString()!, ["flatten"] = false });
            var sessionId = attached!.Value.GetProperty("sessionId").GetString()!;
            var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            cdp.Event("Target.receivedMessageFromTarget").OnEvent += (_, e) =>
            {
                using var message = JsonDocument.Parse(e!.Value.GetProperty("message").GetString()!);
                if (message.RootElement.TryGetProperty("id", out var replyId) && replyId.GetInt32() == 1)
                {
                    reply.TrySetResult(message.RootElement.GetRawText());
                }
            };
            var call = JsonSerializer.Serialize(new { id = 1, method = "Runtime.evaluate", @params = new { expression, awaitPromise = true, returnByValue = true } });
            await cdp.SendAsync("Target.sendMessageToTarget", new() { ["sessionId"] = sessionId, ["message"] = call });
            using var answer = JsonDocument.Parse(await reply.Task.WaitAsync(TimeSpan.FromSeconds(15)));
            Assert.False(answer.RootElement.GetProperty("result").TryGetProperty("exceptionDetails", out var error), error.ToString());
            return answer.RootElement.GetProperty("result").GetProperty("result").TryGetProperty("value", out var value) ? value.ToString() : null;
        }
        finally
        {
            await cdp.DetachAsync();
        }
    }

    /// <summary>
    /// Delivers the push to the worker and waits until it shows a notification: 30 s at most, delivered again every 5 s
    /// (a loaded machine may still be starting the worker and drop a push). The worker tags each request's notification
    /// with its id, so a push delivered twice still shows one notification.
    /// </summary>
    private async Task<JsonElement> DeliverUntilShownAsync(ICDPSession cdp, string registrationId, string payload)
    {
        var shown = await NotificationsAsync();
        for (var delivery = 0; delivery < 6 && shown.GetArrayLength() == 0; delivery++)
        {
            await cdp.SendAsync("ServiceWorker.deliverPushMessage", new() { ["origin"] = _phone.Server.BaseUrl, ["registrationId"] = registrationId, ["data"] = payload });
            for (var i = 0; i < 50 && shown.GetArrayLength() == 0; i++)
            {
                await Task.Delay(100);
                shown = await NotificationsAsync();
            }
        }

        return shown;
    }

    private async Task<JsonElement> NotificationsAsync() =>
        await _phone.Page.EvaluateAsync<JsonElement>(@"async () => {
            const r = await navigator.serviceWorker.getRegistration('device/');
            return (await r.getNotifications()).map(n => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }));
        }");

    [Fact]
    public async Task Page_RegistersItsServiceWorker_WithScopeDevice_AndChromiumFindsItInstallable()
    {
        await _phone.SignInAsync();
        var (cdp, _) = await WorkerAsync();

        var manifest = await cdp.SendAsync("Page.getAppManifest");
        Assert.EndsWith("/device/manifest.webmanifest", manifest!.Value.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Empty(manifest.Value.GetProperty("errors").EnumerateArray());
        // Chromium's own installability check: nothing missing but what a test browser cannot change (its contexts
        // are off the record, where nothing is installed).
        var installability = await cdp.SendAsync("Page.getInstallabilityErrors");
        Assert.Equal(["in-incognito"], installability!.Value.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()));
    }

    [Fact]
    public async Task APush_ShowsANotification_WithTheClientNameAndBindingMessage_TaggedAndLinkedToTheRequest()
    {
        await _phone.SignInAsync();
        var request = await NewRequestAsync(PhonePage.PurchaseMessage);
        var id = request.GetProperty("id").GetString()!;
        var (cdp, registrationId) = await WorkerAsync();

        // What the server encrypts for this request (PushPayload), as the browser hands it to the worker.
        var payload = PushPayload.Create(new PushNotice(id, TestSeed.EndUserSubject, request.GetProperty("client_name").GetString()!,
            PhonePage.PurchaseMessage, request.GetProperty("expires_at").GetDateTimeOffset()));
        var shown = await DeliverUntilShownAsync(cdp, registrationId, payload);

        var notification = Assert.Single(shown.EnumerateArray());
        Assert.Equal("Shoe Store Assistant", notification.GetProperty("title").GetString());
        Assert.Equal(PhonePage.PurchaseMessage, notification.GetProperty("body").GetString());
        Assert.Equal(id, notification.GetProperty("tag").GetString());
        Assert.Equal("/device?request=" + id, notification.GetProperty("data").GetProperty("url").GetString());
    }

    [Fact]
    public async Task TheNotificationsUrl_OpensThatRequest_HighlightedAndFocused()
    {
        await _phone.SignInAsync();
        var other = await NewRequestAsync("Buy Adidas Samba for $100");
        var request = await NewRequestAsync(PhonePage.PurchaseMessage);
        var id = request.GetProperty("id").GetString()!;

        await _phone.Page.GotoAsync(_phone.Server.PageUrl + "?request=" + Uri.EscapeDataString(id));

        var card = _phone.Page.Locator("li.card", new() { Has = _phone.Page.Locator($"[id='agent-{id}']") });
        await Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\barrived\b"));
        await Expect(_phone.Page.Locator($"[id='agent-{id}']")).ToBeFocusedAsync();
        await Expect(_phone.Page.Locator("li.card", new() { Has = _phone.Page.Locator($"[id='agent-{other.GetProperty("id").GetString()}']") }))
            .Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\barrived\b"));
        // The address no longer names the request: a reload does not open it again.
        Assert.Equal(_phone.Server.PageUrl, _phone.Page.Url);
    }

    [Fact]
    public async Task TappingTheNotification_WithThePageOpen_ShowsTheRequestThere()
    {
        await _phone.SignInAsync();
        var request = await NewRequestAsync(PhonePage.PurchaseMessage);
        var id = request.GetProperty("id").GetString()!;
        // Loaded afresh, so the card is not highlighted as a live arrival: only the tap can highlight it.
        await _phone.Page.ReloadAsync();
        await Expect(_phone.Page.Locator($"[id='agent-{id}']")).ToBeVisibleAsync();
        await Expect(_phone.Page.Locator("li.card.arrived")).ToHaveCountAsync(0);
        var (cdp, registrationId) = await WorkerAsync();
        var payload = PushPayload.Create(new PushNotice(id, TestSeed.EndUserSubject, "Shoe Store Assistant", PhonePage.PurchaseMessage, request.GetProperty("expires_at").GetDateTimeOffset()));
        Assert.Equal(1, (await DeliverUntilShownAsync(cdp, registrationId, payload)).GetArrayLength());

        // The tap, as the worker receives it: CDP cannot click a notification, so the worker is given the event.
        await EvaluateInWorkerAsync(@"(async () => {
            const [notification] = await self.registration.getNotifications();
            try { self.dispatchEvent(new NotificationEvent('notificationclick', { notification })); } catch { }
            return 'dispatched';
        })()");

        await Expect(_phone.Page.Locator("li.card", new() { Has = _phone.Page.Locator($"[id='agent-{id}']") }))
            .ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\barrived\b"));
        await Expect(_phone.Page.Locator($"[id='agent-{id}']")).ToBeFocusedAsync();
        Assert.Equal(0, (await NotificationsAsync()).GetArrayLength());
    }

    [Fact]
    public async Task ARequestNoLongerWaiting_IsSaidSo()
    {
        await _phone.SignInAsync();
        await _phone.Page.GotoAsync(_phone.Server.PageUrl + "?request=already-answered");
        await Expect(_phone.Page.Locator("#toast")).ToHaveTextAsync("That request is no longer waiting: it was answered or has expired.");
    }

    /// <summary>
    /// The browser's push service stands in here: headless Chromium without network cannot reach Google's, so
    /// <c>PushManager.subscribe</c> is replaced (before the page's scripts run) by one that records its options and
    /// returns a subscription with real P-256 keys on an allowed endpoint, and <c>unsubscribe</c> is recorded.
    /// Everything else (permission, service worker, VAPID key, registration, the list) is the page's own.
    /// </summary>
    private const string FakePushService = @"(() => {
        const calls = { subscribed: [], unsubscribed: 0 };
        window.__push = calls;
        let current = null;
        const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        PushManager.prototype.getSubscription = async function () { return current; };
        PushManager.prototype.subscribe = async function (options) {
            const key = new Uint8Array(options.applicationServerKey);
            calls.subscribed.push({ userVisibleOnly: options.userVisibleOnly, applicationServerKey: b64url(key) });
            const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
            const json = {
                endpoint: 'http://127.0.0.1:9/push/' + b64url(crypto.getRandomValues(new Uint8Array(16))),
                expirationTime: null,
                keys: { p256dh: b64url(await crypto.subtle.exportKey('raw', pair.publicKey)), auth: b64url(crypto.getRandomValues(new Uint8Array(16))) },
            };
            current = {
                endpoint: json.endpoint,
                options: { userVisibleOnly: true, applicationServerKey: key.buffer },
                toJSON: () => json,
                unsubscribe: async () => { calls.unsubscribed++; current = null; return true; },
            };
            return current;
        };
    })()";

    [Fact]
    public async Task GetNotifications_SubscribesWithTheServersKey_RegistersThisDevice_AndRemoveUnsubscribes()
    {
        await _phone.Page.AddInitScriptAsync(FakePushService);
        await _phone.SignInAsync();
        var enable = _phone.Page.GetByRole(AriaRole.Button, new() { Name = "Get notifications on this device" });
        await Expect(_phone.Page.GetByText("None yet.")).ToBeVisibleAsync();

        await enable.ClickAsync();

        await Expect(_phone.Page.Locator(".push-status")).ToHaveTextAsync("This device gets a notification when an app or agent asks.");
        await Expect(enable).ToBeHiddenAsync();
        var subscribed = Assert.Single((await _phone.Page.EvaluateAsync<JsonElement>("window.__push")).GetProperty("subscribed").EnumerateArray());
        Assert.True(subscribed.GetProperty("userVisibleOnly").GetBoolean());
        var vapid = await _phone.Page.EvaluateAsync<JsonElement>("fetch('device/api/push/vapid-public-key').then(r => r.json())");
        Assert.Equal(vapid.GetProperty("public_key").GetString(), subscribed.GetProperty("applicationServerKey").GetString());

        // Registered on the server, listed on the page as this device.
        var devices = await _phone.Page.EvaluateAsync<JsonElement>("fetch('device/api/push/subscriptions').then(r => r.json())");
        var device = Assert.Single(devices.EnumerateArray());
        var row = _phone.Page.Locator(".devices li");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(device.GetProperty("label").GetString() + " · this device");
        await Expect(row).ToContainTextAsync("not notified yet");

        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Remove .*\\(this device\\)$") }).ClickAsync();

        await Expect(_phone.Page.GetByText("None yet.")).ToBeVisibleAsync();
        await Expect(enable).ToBeVisibleAsync();
        Assert.Equal(1, (await _phone.Page.EvaluateAsync<JsonElement>("window.__push")).GetProperty("unsubscribed").GetInt32());
        Assert.Equal(0, (await _phone.Page.EvaluateAsync<JsonElement>("fetch('device/api/push/subscriptions').then(r => r.json())")).GetArrayLength());
    }
}
