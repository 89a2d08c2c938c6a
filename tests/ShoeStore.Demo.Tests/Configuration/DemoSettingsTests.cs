using Microsoft.Extensions.Configuration;
using ShoeStore.Demo.Configuration;
using ShoeStore.Demo.Hosting;

namespace ShoeStore.Demo.Tests.Configuration;

public sealed class DemoSettingsTests
{
    private static readonly string WorkingDirectory = Path.Combine(Path.GetTempPath(), "demo-settings");

    [Fact]
    public void Defaults_AreTheDesignsPortsAndDotMandateUnderTheWorkingDirectory()
    {
        var settings = Read([]);

        Assert.Equal(new Uri("http://127.0.0.1:5100"), settings.ServerUrl);
        Assert.Equal(new Uri("http://127.0.0.1:5200"), settings.StoreUrl);
        Assert.Equal(Path.Combine(WorkingDirectory, ".mandate"), settings.DataDirectory);
    }

    [Fact]
    public void CommandLineUrls_AndPortZero_AreAccepted()
    {
        var settings = Read(["--server-urls", "http://localhost:0", "--store-urls=http://127.0.0.1:6200/"]);

        Assert.Equal(0, settings.ServerUrl.Port);
        Assert.Equal(new Uri("http://127.0.0.1:6200"), settings.StoreUrl);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5100;http://127.0.0.1:5101", "one address")]
    [InlineData("http://0.0.0.0:5100", "name the host")]
    [InlineData("http://127.0.0.1:5100/am", "no path")]
    [InlineData("ftp://127.0.0.1:5100", "no path")]
    [InlineData("5100", "no path")]
    public void UnusableServerUrl_IsRefusedWithTheFix(string url, string hint)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Read(["--server-urls", url]));

        Assert.Contains("--server-urls", exception.Message, StringComparison.Ordinal);
        Assert.Contains(hint, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelativeDataDirectory_IsUnderTheWorkingDirectory()
    {
        Assert.Equal(Path.Combine(WorkingDirectory, "state", "demo"), Read(["--data-directory", "state/demo"]).DataDirectory);
    }

    [Theory]
    [InlineData(new string[0], null, "Off")]
    [InlineData(new string[0], "http://127.0.0.1:4318", "Otlp")]
    [InlineData(new[] { "--traces", "console" }, null, "Console")]
    [InlineData(new[] { "--traces=OTLP" }, null, "Otlp")]
    [InlineData(new[] { "--traces", "off" }, "http://127.0.0.1:4318", "Off")]
    public void Traces_FollowTheSwitch_ElseOtlpWhenItsEndpointIsSet(string[] args, string? otlpEndpoint, string expected)
    {
        var settings = Read(args, new Dictionary<string, string?> { [DemoSettings.OtlpEndpointKey] = otlpEndpoint });

        Assert.Equal(Enum.Parse<DemoTraces>(expected), settings.Traces);
    }

    [Fact]
    public void UnknownTraces_AreRefusedWithTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(["--traces", "jaeger"]));

        Assert.Contains("off, console or otlp", error.Message, StringComparison.Ordinal);
    }

    private static DemoSettings Read(string[] args, Dictionary<string, string?>? environment = null)
    {
        var parsed = DemoCommandLine.Parse(args);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment ?? [])
            .AddCommandLine(parsed.ConfigurationArgs, DemoCommandLine.SwitchMappings.ToDictionary())
            .Build();
        return DemoSettings.Read(configuration, WorkingDirectory);
    }
}
