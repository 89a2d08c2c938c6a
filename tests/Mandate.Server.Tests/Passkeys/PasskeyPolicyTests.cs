using Mandate.Server.Configuration;
using Mandate.Server.Data;
using Mandate.Server.Device;
using Mandate.Server.Passkeys;

namespace Mandate.Server.Tests.Passkeys;

/// <summary>The passkey options (validated at start), which requests need a passkey, and the 5-minute rule for adding one.</summary>
public sealed class PasskeyPolicyTests
{
    private static readonly DateTimeOffset SignedIn = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static MandateServerOptions Options(Action<MandateDeviceOptions>? configure = null)
    {
        var options = new MandateServerOptions();
        configure?.Invoke(options.Device);
        return options;
    }

    [Fact]
    public void Defaults_LocalhostOnTheIssuersPort_PaymentNeedsAPasskey()
    {
        Assert.Empty(PasskeyPolicy.Validate(Options()));
        var policy = PasskeyPolicy.From(Options());
        Assert.Equal("localhost", policy.RelyingPartyId);
        Assert.Equal(["http://localhost:5100"], policy.Origins);
        Assert.Equal(["payment"], policy.RequiredScopes);
        Assert.Equal("localhost", policy.ToFido2().RPID);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("")]
    [InlineData("http://localhost")]
    [InlineData("localhost:5100")]
    public void RelyingPartyId_NotADomain_IsRefusedAtStart(string rpId)
    {
        var errors = PasskeyPolicy.Validate(Options(d => d.RelyingPartyId = rpId)).ToList();
        Assert.Contains(errors, e => e.Contains("Mandate:Device:RelyingPartyId", StringComparison.Ordinal));
        Assert.False(new MandateServerOptionsValidator().Validate(null, Options(d => d.RelyingPartyId = rpId)).Succeeded);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://auth.example.com.evil.example")]
    [InlineData("https://auth.example.com/device")]
    [InlineData("http://auth.example.com")]
    [InlineData("not a url")]
    public void AllowedOrigins_OutsideTheRelyingPartyOrNotAnHttpsOrigin_AreRefused(string origin) =>
        Assert.Contains(PasskeyPolicy.Validate(Options(d => { d.RelyingPartyId = "auth.example.com"; d.AllowedOrigins = [origin]; })),
            e => e.Contains("Mandate:Device:AllowedOrigins", StringComparison.Ordinal));

    [Fact]
    public void AllowedOrigins_OnTheDomainOrASubdomain_AreAccepted()
    {
        var options = Options(d => { d.RelyingPartyId = "example.com"; d.AllowedOrigins = ["https://example.com", "https://auth.example.com:8443/"]; });
        Assert.Empty(PasskeyPolicy.Validate(options));
        Assert.Equal(["https://auth.example.com:8443", "https://example.com"], PasskeyPolicy.From(options).Origins.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PasskeyRequiredForScopes_ReplacesTheDefault_AndMayTurnItOff()
    {
        Assert.False(PasskeyPolicy.From(Options(d => d.PasskeyRequiredForScopes = [])).RequiresPasskey("openid payment", null));
        var policy = PasskeyPolicy.From(Options(d => d.PasskeyRequiredForScopes = ["address"]));
        Assert.True(policy.RequiresPasskey("openid address", null));
        Assert.False(policy.RequiresPasskey("openid payment", null));
        Assert.Contains(PasskeyPolicy.Validate(Options(d => d.PasskeyRequiredForScopes = ["a b"])), e => e.Contains("PasskeyRequiredForScopes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openid payment", null, true)]
    [InlineData("payment", null, true)]
    [InlineData("openid address", null, false)]
    [InlineData("openid paymentx", null, false)]
    [InlineData("openid address", "urn:mandate:acr:passkey", true)]
    [InlineData("openid address", "push", false)]
    public void RequiresPasskey_ForAPaymentScopeOrWhenThePasskeyAcrIsAskedFor(string scopes, string? acrValues, bool expected) =>
        Assert.Equal(expected, PasskeyPolicy.From(Options()).RequiresPasskey(scopes, acrValues));

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(3600, false)]
    [InlineData(-1, false)]
    public void AddingAPasskey_NeedsAPasswordSignInWithinFiveMinutes(int secondsSinceSignIn, bool allowed) =>
        Assert.Equal(allowed, PasskeyPolicy.MayAddPasskey(Session(DeviceSignInMethod.Password), SignedIn.AddSeconds(secondsSinceSignIn)));

    [Fact]
    public void AddingAPasskey_FromAPasskeySessionOrNone_IsNotAllowed()
    {
        Assert.False(PasskeyPolicy.MayAddPasskey(Session(DeviceSignInMethod.Passkey), SignedIn.AddSeconds(10)));
        Assert.False(PasskeyPolicy.MayAddPasskey(null, SignedIn));
    }

    [Theory]
    [InlineData(0, 0u, false)]
    [InlineData(0, 1u, false)]
    [InlineData(5, 6u, false)]
    [InlineData(5, 5u, true)]
    [InlineData(5, 4u, true)]
    [InlineData(5, 0u, true)]
    public void SignCount_ThatDoesNotGoUp_IsARegression(long stored, uint received, bool regressed) =>
        Assert.Equal(regressed, PasskeyAssertionVerifier.SignCountRegressed(stored, received));

    private static DeviceSessionRecord Session(string method) => new() { Subject = "user-1", SignInMethod = method, CreatedAt = SignedIn };
}
