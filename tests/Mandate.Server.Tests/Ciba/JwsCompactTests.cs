using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mandate.Server.Ciba;

namespace Mandate.Server.Tests.Ciba;

/// <summary>Reading a compact JWS once, before any cryptography: what is refused as not a JWS, and what one read yields.</summary>
public sealed class JwsCompactTests : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    private static string Segment(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void SignedToken_YieldsTheHeaderForValidationAndThePayloadAsJson()
    {
        var jwt = Jwt.SignEs256(_key, "k-1", new { iss = "agent", exp = 1_900_000_000, authorization_details = new[] { new { type = "payment" } } });

        var jws = JwsCompact.TryRead(jwt, out var encrypted);

        Assert.False(encrypted);
        Assert.NotNull(jws);
        Assert.Equal("ES256", jws.Token.Alg);
        Assert.Equal("k-1", jws.Token.Kid);
        Assert.Equal("agent", jws.Payload.GetProperty("iss").GetString());
        Assert.Equal("payment", jws.Payload.GetProperty("authorization_details")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void CompactJwe_IsRefusedAndSaidToBeEncrypted()
    {
        var jwe = string.Join('.', Segment("""{"alg":"RSA-OAEP","enc":"A256GCM"}"""), "a", "b", "c", "d");

        Assert.Null(JwsCompact.TryRead(jwe, out var encrypted));
        Assert.True(encrypted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("onlyone")]
    [InlineData("two.parts")]
    [InlineData("a.b.c.d")]
    [InlineData("a..c")]
    [InlineData(".b.c")]
    [InlineData("a.b.")]
    [InlineData("eyJ.eyJ.c d")]
    public void ValueThatIsNotThreeNonEmptyBase64UrlSegments_IsRefused(string value)
    {
        Assert.Null(JwsCompact.TryRead(value, out var encrypted));
        Assert.False(encrypted);
    }

    [Theory]
    [InlineData("""["not","an","object"]""")]
    [InlineData("""{"iss":"agent"} trailing""")]
    [InlineData("""{"iss":""")]
    [InlineData("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":{"o":{"p":{"q":1}}}}}}}}}}}}}}}}}""")]
    public void PayloadThatIsNotOneJsonObjectOfBoundedDepth_IsRefused(string payload)
    {
        var jwt = Segment("""{"alg":"ES256"}""") + "." + Segment(payload) + ".c2ln";

        Assert.Null(JwsCompact.TryRead(jwt, out _));
    }

    [Fact]
    public void HeaderThatIsNotJson_IsRefused() =>
        Assert.Null(JwsCompact.TryRead(Segment("not json") + "." + Segment("""{"iss":"agent"}""") + ".c2ln", out _));

    [Fact]
    public void ValueLongerThan16KiB_IsRefused()
    {
        var jwt = Jwt.SignEs256(_key, "k-1", new { iss = "agent", pad = new string('x', 16_384) });

        Assert.Null(JwsCompact.TryRead(jwt, out _));
    }
}
