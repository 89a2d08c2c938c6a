using System.Text;
using Mandate.Server.Ciba;

namespace Mandate.Server.Tests.Protocol;

public sealed class BindingMessageValidatorTests
{
    [Theory]
    [InlineData("1234")]
    [InlineData("Buy Nike Pegasus 41, size 10.5, for $140")]
    [InlineData("Zahlung 140 € für Schuhe 👟")]
    [InlineData("注文 1234 を確認")]
    [InlineData("Allow agent to place order for Allen Edmonds Park Avenue Cap-Toe Oxford?")]
    public void VisibleTextUpTo100Characters_IsAccepted(string message) => Assert.Null(BindingMessageValidator.Validate(message));

    [Fact]
    public void Exactly100Characters_IsAcceptedAnd101Refused()
    {
        Assert.Null(BindingMessageValidator.Validate(new string('a', 100)));
        var error = BindingMessageValidator.Validate(new string('a', 101));
        Assert.Equal("invalid_binding_message", error?.Code);
        Assert.Contains("100", error?.Description);
    }

    [Fact]
    public void HundredEmoji_CountAsHundredCharacters() =>
        Assert.Null(BindingMessageValidator.Validate(string.Concat(Enumerable.Repeat("👟", 100))));

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

    // Issue 13, section 4: each of these was accepted and rendered as nothing, or drew over its neighbour.
    [Fact] public void HangulFillerU3164_IsInvalidBindingMessage() => Refused(0x3164);

    [Fact] public void HangulChoseongFillerU115F_IsInvalidBindingMessage() => Refused(0x115F);

    [Fact] public void HangulJungseongFillerU1160_IsInvalidBindingMessage() => Refused(0x1160);

    [Fact] public void HalfwidthHangulFillerUFFA0_IsInvalidBindingMessage() => Refused(0xFFA0);

    [Fact] public void BraillePatternBlankU2800_IsInvalidBindingMessage() => Refused(0x2800);

    [Fact] public void CombiningGraphemeJoinerU034F_IsInvalidBindingMessage() => Refused(0x034F);

    [Fact] public void KhmerVowelInherentAqU17B4_IsInvalidBindingMessage() => Refused(0x17B4);

    [Fact] public void VariationSelector16UFE0F_IsInvalidBindingMessage() => Refused(0xFE0F);

    [Fact] public void CombiningLongStrokeOverlayU0336_IsInvalidBindingMessage() => Refused(0x0336);

    [Theory]
    [InlineData(0x180B)] // Mongolian free variation selector one
    [InlineData(0x180F)] // Mongolian free variation selector four
    [InlineData(0xFE00)] // variation selector 1
    [InlineData(0xE0100)] // variation selector 17
    [InlineData(0xE01EF)] // variation selector 256
    [InlineData(0xE0041)] // tag latin capital letter A
    [InlineData(0xE007F)] // cancel tag
    [InlineData(0x17B5)] // Khmer vowel inherent aa
    [InlineData(0x0334)] // combining tilde overlay
    [InlineData(0x0338)] // combining long solidus overlay
    [InlineData(0x20D2)] // combining long vertical line overlay
    [InlineData(0x20D3)]
    [InlineData(0x20D8)] // combining ring overlay
    [InlineData(0x20DA)]
    [InlineData(0x20E5)] // combining reverse solidus overlay
    [InlineData(0x20E6)]
    [InlineData(0x20EA)] // combining leftwards arrow overlay
    [InlineData(0x20EB)]
    [InlineData(0x20E0)] // combining enclosing circle backslash (Me)
    [InlineData(0x1D167)] // musical symbol combining tremolo-1
    public void OtherInvisibleOrOverlayCharacters_AreInvalidBindingMessage(int codePoint) => Refused(codePoint);

    [Theory]
    [InlineData("Cafe\u0301 au lait")] // e + combining acute accent
    [InlineData("Zo\u0308e")] // o + combining diaeresis
    [InlineData("Tie\u0302ng Vie\u0323t")] // stacked Vietnamese accents
    [InlineData("Thumbs 👍🏽 up")] // emoji with a skin-tone modifier
    [InlineData("Shoes 👟 and a 🎉")]
    public void OrdinaryAccentsAndEmoji_AreAccepted(string message) => Assert.Null(BindingMessageValidator.Validate(message));

    private static void Refused(int codePoint) =>
        Assert.Equal("invalid_binding_message", BindingMessageValidator.Validate("Order" + new Rune(codePoint) + " 1234")?.Code);
}
