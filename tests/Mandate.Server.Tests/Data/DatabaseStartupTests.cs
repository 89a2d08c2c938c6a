using Microsoft.Extensions.Options;

namespace Mandate.Server.Tests.Data;

/// <summary>The start-up picks the engine from the settings, says which, and refuses settings that cannot work.</summary>
public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task DefaultStart_IsOnSqliteAndSaysSo()
    {
        await using var server = await MandateTestServer.StartAsync(new TestSeed());
        Assert.Contains(server.Logs.Messages, m => m.Contains(" Mandate database ready on Sqlite. ", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "mandate.db")));
    }

    [Theory]
    [InlineData("Mandate:DatabaseProvider", "Oracle", "Mandate:DatabaseProvider")]
    [InlineData("ConnectionStrings:Mandate", "Host=db.invalid;Port=not-a-port", "not a valid Npgsql connection string")]
    public async Task UnusableDatabaseSettings_StopTheStartWithWhatToFix(string key, string value, string hint)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => MandateTestServer.StartAsync(new TestSeed(), settings: new() { [key] = value }));
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }
}
