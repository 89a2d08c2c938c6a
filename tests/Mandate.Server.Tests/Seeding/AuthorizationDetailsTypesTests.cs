using Mandate.Server.AuthorizationDetails;
using Microsoft.Extensions.Hosting;

namespace Mandate.Server.Tests.Seeding;

/// <summary>RFC 9396 types declared through the seeding API, each with its validator (docs/server.md, "Seeding").</summary>
public sealed class AuthorizationDetailsTypesTests
{
    [Fact]
    public void RegisteredType_ItsValidatorIsInvokedWithTheEntry_AndItsAnswerReturned()
    {
        var seen = new List<string>();
        using var services = new ServiceCollection()
            .AddMandateAuthorizationDetailsType("payment_initiation", detail =>
            {
                seen.Add(detail.GetRawText());
                return detail.TryGetProperty("amount", out _) ? null : "payment_initiation needs an amount.";
            })
            .AddSingleton<AuthorizationDetailsTypes>()
            .BuildServiceProvider();
        var types = services.GetRequiredService<AuthorizationDetailsTypes>();

        var valid = types.Validate("payment_initiation", Json("""{"type":"payment_initiation","amount":"1.00"}"""));
        var invalid = types.Validate("payment_initiation", Json("""{"type":"payment_initiation"}"""));

        Assert.Null(valid);
        Assert.Equal("payment_initiation needs an amount.", invalid);
        Assert.Equal(["""{"type":"payment_initiation","amount":"1.00"}""", """{"type":"payment_initiation"}"""], seen);
    }

    [Fact]
    public void UnregisteredType_IsNotSupported_AndNoValidatorRuns()
    {
        var runs = 0;
        var types = new AuthorizationDetailsTypes([new DelegateAuthorizationDetailsType("account_information", _ => { runs++; return null; })]);

        Assert.Equal(AuthorizationDetailsTypes.UnsupportedType, types.Validate("payment_initiation", Json("""{"type":"payment_initiation"}""")));
        Assert.Equal(0, runs);
    }

    [Fact]
    public void Names_AreTheRegisteredTypes_InRegistrationOrder()
    {
        var types = new AuthorizationDetailsTypes(
        [
            new DelegateAuthorizationDetailsType("b_type", _ => null),
            new DelegateAuthorizationDetailsType("a_type", _ => null),
        ]);

        Assert.Equal(["b_type", "a_type"], types.Names);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("line\nbreak")]
    public void InvalidName_IsRefused(string name)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AuthorizationDetailsTypes([new DelegateAuthorizationDetailsType(name, _ => null)]));

        Assert.Contains("without spaces or control characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameTypeRegisteredTwice_StopsTheStartWithTheTypeNamed()
    {
        var directory = Directory.CreateTempSubdirectory("mandate-rar-").FullName;
        try
        {
            await using var host = BareServerHost.Create(directory, s => s
                .AddMandateAuthorizationDetailsType("payment_initiation", _ => null)
                .AddMandateAuthorizationDetailsType("payment_initiation", _ => null));

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.App.InitializeMandateServerAsync());

            Assert.Equal("The authorization_details type 'payment_initiation' is registered twice.", error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
