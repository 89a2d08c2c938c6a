using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mandate.Server.Tests.Device;

/// <summary>
/// The person's phone on the /device page for one test: a fresh <see cref="DevicePageServer"/>, an isolated
/// phone-sized browser context (<see cref="BrowserFixture.NewPhoneContextAsync"/>) and its page. Every expectation
/// gives up after 15 seconds. Disposing closes the browser side first: an open event stream would otherwise hold the
/// server's shutdown.
/// </summary>
public sealed class PhonePage : IAsyncDisposable
{
    /// <summary>The binding message of the purchase the tests ask the person about.</summary>
    public const string PurchaseMessage = "Buy Nike Pegasus 41 for $140";

    private PhonePage(DevicePageServer server, IBrowserContext context, IPage page) =>
        (Server, Context, Page) = (server, context, page);

    public DevicePageServer Server { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Opens a page on <paramref name="server"/>, which it then owns, with the browser
    /// <paramref name="permissions"/> (for example <c>notifications</c>) granted to the server's origin.</summary>
    public static async Task<PhonePage> OpenAsync(BrowserFixture browser, DevicePageServer server, params string[] permissions)
    {
        SetDefaultExpectTimeout(15_000);
        IBrowserContext? context = null;
        try
        {
            context = await browser.NewPhoneContextAsync();
            if (permissions.Length > 0)
            {
                await context.GrantPermissionsAsync(permissions, new() { Origin = server.BaseUrl });
            }

            return new PhonePage(server, context, await context.NewPageAsync());
        }
        catch
        {
            if (context is not null)
            {
                await context.CloseAsync();
            }

            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Signs <c>end.user</c> in with the password and waits for the list of requests.</summary>
    public async Task SignInAsync()
    {
        await Page.GotoAsync(Server.PageUrl);
        await Page.GetByLabel("Username").FillAsync("end.user");
        await Page.GetByLabel("Password").FillAsync(Server.Seed.EndUserPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Waiting for you" })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await Server.DisposeAsync();
    }
}
