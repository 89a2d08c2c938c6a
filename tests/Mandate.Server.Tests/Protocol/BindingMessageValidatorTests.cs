using Mandate.Server.Ciba;

namespace Mandate.Server.Tests.Protocol;

public sealed class BindingMessageValidatorTests
{
    [Theory]
    [InlineData("1234")]
    [InlineData("Buy Nike Pegasus 41, size 10.5, for $140")]
    [InlineData("Zahlung 140 € für Schuhe 👟")]
    [InlineData("注文 1234 を確認")]
    public void PrintableTextUpTo64Characters_IsAccepted(string message) => Assert.Null(BindingMessageValidator.Validate(message));

    [Fact]
    public void Exactly64Characters_IsAcceptedAnd65Refused()
    {
        Assert.Null(BindingMessageValidator.Validate(new string('a', 64)));
        Assert.Equal("invalid_binding_message", BindingMessageValidator.Validate(new string('a', 65))?.Code);
    }

    [Fact]
    public void SixtyFourEmoji_CountAsSixtyFourCharacters() =>
        Assert.Null(BindingMessageValidator.Validate(string.Concat(Enumerable.Repeat("👟", 64))));

    [Theory]
    [InlineData("tab\there")]
    [InlineData("bell\u0007")]
    [InlineData("rtl \u202E override")]
    [InlineData("isolate \u2067x\u2069")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("line\u2028sep")]
    [InlineData("nbsp\u00A0space")]
    [InlineData("")]
    [InlineData("   ")]
    public void ControlFormatSeparatorOrEmpty_IsInvalidBindingMessage(string message) =>
        Assert.Equal("invalid_binding_message", BindingMessageValidator.Validate(message)?.Code);

    [Fact]
    public void LoneSurrogate_IsInvalidBindingMessage() =>
        Assert.Equal("invalid_binding_message", BindingMessageValidator.Validate("lone " + (char)0xD800 + " surrogate")?.Code);
}
