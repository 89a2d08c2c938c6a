using Mandate.Text;

namespace Mandate.Shared.Tests.Text;

/// <summary>The one list of invisible and overlay code points that the agent drops and the server refuses.</summary>
public sealed class InvisibleCodePointsTests
{
    [Theory]
    [InlineData(0x034F)] // combining grapheme joiner
    [InlineData(0x115F)] // Hangul choseong filler
    [InlineData(0x3164)] // Hangul filler
    [InlineData(0xFE0F)] // variation selector-16
    [InlineData(0xE0041)] // tag letter A
    [InlineData(0x2800)] // braille pattern blank
    [InlineData(0x0336)] // combining long stroke overlay
    [InlineData(0x20D2)] // combining long vertical line overlay
    [InlineData(0x1D167)] // musical symbol combining tremolo-1
    public void InvisibleOrOverlay_IsListed(int codePoint) => Assert.True(InvisibleCodePoints.IsInvisibleOrOverlay(codePoint));

    [Theory]
    [InlineData('A')]
    [InlineData(' ')]
    [InlineData('4')]
    [InlineData('?')]
    [InlineData(0x00E9)] // é
    [InlineData(0x0301)] // combining acute accent: a visible mark, not an overlay
    [InlineData(0x20AC)] // €
    [InlineData(0x1F45F)] // athletic shoe
    public void VisibleText_IsNotListed(int codePoint) => Assert.False(InvisibleCodePoints.IsInvisibleOrOverlay(codePoint));
}
