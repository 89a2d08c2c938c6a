using Mandate.Server.Keys;
using Microsoft.Extensions.Configuration;

namespace Mandate.Server.Tests.Keys;

/// <summary><c>Mandate.Server keys …</c>: what an operator runs against the shared database.</summary>
public sealed class ServerKeyCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly MandateTestServer _server = fixture.Server;

    private ServerKeyRing Keys => _server.Services.GetRequiredService<ServerKeyRing>();

    [Fact]
    public async Task List_ShowsTheSigningKeyById_AndNoKeyMaterial()
    {
        var (code, output, _) = await RunAsync("list");
        Assert.Equal(0, code);
        Assert.Contains(Keys.SigningKey.KeyId, output);
        Assert.Contains("signing", output);
        foreach (var secret in new[] { "\"d\"", "Material", "BEGIN" })
        {
            Assert.DoesNotContain(secret, output);
        }
    }

    [Fact]
    public async Task Rotate_PublishesAPendingKey_AndRotateNow_MakesItSign()
    {
        var signing = Keys.SigningKey.KeyId;
        var (code, output, _) = await RunAsync("rotate");
        Assert.Equal(0, code);
        var pending = Assert.IsType<Mandate.Server.Data.SigningKey>(Keys.Schedule.Next).KeyId;
        Assert.Contains($"Signing key {pending} is published and signs from", output);
        Assert.Equal(signing, Keys.SigningKey.KeyId);

        (code, output, _) = await RunAsync("rotate", "--now");
        Assert.Equal(0, code);
        Assert.Equal(pending, Keys.SigningKey.KeyId);
        Assert.Contains($"Signing key {pending} signs from now on", output);
    }

    [Fact]
    public async Task RevokeOfTheSigningKey_IsRefusedWithExitCode1()
    {
        var (code, _, error) = await RunAsync("revoke", Keys.SigningKey.KeyId);
        Assert.Equal(1, code);
        Assert.Contains("rotate with --now first", error);
    }

    [Fact]
    public async Task InAFolderWithoutADatabase_RefusesWithExitCode1_AndCreatesNothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mandate-no-db-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Mandate:DataDirectory"] = directory }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration).AddLogging().AddMandateServer().BuildServiceProvider();
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(1, await ServerKeyCommand.RunAsync(services, ["rotate"], output, error, CancellationToken.None));
        Assert.Contains("No Mandate database at " + Path.Combine(directory, "mandate.db"), error.ToString());
        Assert.False(Directory.Exists(directory));
    }

    [Theory]
    [InlineData]
    [InlineData("delete")]
    [InlineData("rotate", "--later")]
    [InlineData("revoke")]
    public async Task UnknownArguments_PrintTheUsageWithExitCode2(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains("usage: Mandate.Server keys list", error);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ServerKeyCommand.RunAsync(_server.Services, args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
