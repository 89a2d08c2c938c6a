using ShoeStore.Demo.Agent;
using ShoeStore.Demo.Hosting;
using ShoeStore.Demo.Terminal;

namespace ShoeStore.Demo.Tests.Terminal;

public sealed class DemoBannerTests
{
    private const string Password = "pw-Zq81vK2mX9aa";
    private static readonly string Work = Path.Combine(Path.GetTempPath(), "banner");
    private static readonly DemoEndpoints Endpoints = new(
        new Uri("http://127.0.0.1:5100"), "http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha", new Uri("http://127.0.0.1:5200"));
    private static readonly DemoCredentials Credentials = new("ai-agent", "client-secret-value", "{}", "push", "end.user", Password);

    [Fact]
    public void ByDefault_NamesTheUserAndWhereThePasswordIs_ButNotThePassword()
    {
        var text = Write(showPassword: false);

        Assert.Contains("end.user", text, StringComparison.Ordinal);
        Assert.Contains("DEMO_END_USER_PASSWORD in " + Path.Combine(".mandate", "demo.env"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithShowPassword_PrintsThePassword()
    {
        Assert.Contains("end.user, password " + Password, Write(showPassword: true), StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsTheDevicePage_TheServers_AndWhetherTheDataIsNew()
    {
        var text = Write(showPassword: false, firstStart: true);

        Assert.Contains("http://localhost:5100/device", text, StringComparison.Ordinal);
        Assert.Contains("issuer http://127.0.0.1:5100/am/oauth2/realms/root/realms/alpha", text, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5200", text, StringComparison.Ordinal);
        Assert.Contains("created now", text, StringComparison.Ordinal);
        Assert.Contains("reused", Write(showPassword: false, firstStart: false), StringComparison.Ordinal);
    }

    [Fact]
    public void DataOutsideTheWorkingDirectory_IsShownAsAnAbsolutePath()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "elsewhere", ".mandate");

        Assert.Equal(elsewhere, DemoBanner.Display(elsewhere, Work));
    }

    private static string Write(bool showPassword, bool firstStart = true)
    {
        using var writer = new StringWriter();
        var data = Path.Combine(Work, ".mandate");
        DemoBanner.Write(writer, Endpoints, data, Path.Combine(data, "demo.env"), Work, firstStart, Credentials, showPassword);
        return writer.ToString();
    }
}
