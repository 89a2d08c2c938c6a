using ShoeStore.Demo.Configuration;

namespace ShoeStore.Demo.Tests.Configuration;

public sealed class DemoCommandLineTests
{
    [Fact]
    public void Switches_AreTakenOut_AndSettingsArePassedOn()
    {
        var parsed = DemoCommandLine.Parse(["--no-agent", "--server-urls", "http://127.0.0.1:6100", "--show-password", "--OPENAI_MODEL=llama3.1"]);

        Assert.True(parsed.NoAgent);
        Assert.True(parsed.ShowPassword);
        Assert.False(parsed.Help);
        Assert.Equal(["--server-urls", "http://127.0.0.1:6100", "--OPENAI_MODEL=llama3.1"], parsed.ConfigurationArgs);
    }

    [Fact]
    public void NoArguments_RunTheAgentAndHideThePassword()
    {
        var parsed = DemoCommandLine.Parse([]);

        Assert.False(parsed.NoAgent);
        Assert.False(parsed.ShowPassword);
        Assert.Empty(parsed.ConfigurationArgs);
    }

    [Theory]
    [InlineData("--server-urls")]
    [InlineData("--store-urls", "--no-agent")]
    public void OptionWithoutItsValue_IsRefusedWithAnExample(params string[] args)
    {
        var exception = Assert.Throws<FormatException>(() => DemoCommandLine.Parse(args));

        Assert.Contains("needs a value", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrayWord_IsRefused()
    {
        var exception = Assert.Throws<FormatException>(() => DemoCommandLine.Parse(["no-agent"]));

        Assert.Contains("is not an option", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_IsRecognised()
    {
        Assert.True(DemoCommandLine.Parse(["--help"]).Help);
    }
}
