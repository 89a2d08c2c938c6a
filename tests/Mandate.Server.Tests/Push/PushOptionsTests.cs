using Mandate.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace Mandate.Server.Tests.Push;

/// <summary><c>Mandate:Push</c> options refused at start-up when they cannot work.</summary>
public sealed class PushOptionsTests
{
    private static IEnumerable<string> Errors(Action<MandatePushOptions> configure)
    {
        var options = new MandateServerOptions();
        configure(options.Push);
        return new MandateServerOptionsValidator().Validate(null, options).Failures ?? [];
    }

    [Theory]
    [InlineData(null)]
    [InlineData("mailto:security@example.com")]
    [InlineData("https://shoes.example.com/contact")]
    public void Subject_MailtoOrHttps_IsAccepted(string? subject) =>
        Assert.Empty(Errors(p => p.Subject = subject));

    [Theory]
    [InlineData("security@example.com")]
    [InlineData("http://shoes.example.com")]
    [InlineData("mailto:")]
    [InlineData("mailto:a b@example.com")]
    public void Subject_OtherwiseIsRefused_WithTheOptionsName(string subject) =>
        Assert.Contains(Errors(p => p.Subject = subject), e => e.StartsWith("Mandate:Push:Subject", StringComparison.Ordinal));

    [Fact]
    public void TimeoutAndAttempts_MustBeInRange()
    {
        Assert.Contains(Errors(p => p.TimeoutSeconds = 0), e => e.StartsWith("Mandate:Push:TimeoutSeconds", StringComparison.Ordinal));
        Assert.Contains(Errors(p => p.MaxAttempts = 0), e => e.StartsWith("Mandate:Push:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(Errors(p => p.MaxAttempts = 11), e => e.StartsWith("Mandate:Push:MaxAttempts", StringComparison.Ordinal));
    }

    [Fact]
    public void AllowedEndpoints_FromConfiguration_AreAddedToTheDefaultPushServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Mandate:Push:AllowedEndpoints:0"] = "https://push.example.com/" })
            .Build();
        var options = new MandateServerOptions();
        configuration.GetSection("Mandate").Bind(options);

        Assert.Equal([.. new MandatePushOptions().AllowedEndpoints, "https://push.example.com/"], options.Push.AllowedEndpoints);
    }
}
