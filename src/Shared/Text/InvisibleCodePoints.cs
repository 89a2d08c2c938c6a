namespace Mandate.Text;

/// <summary>
/// Code points that show nothing, or draw over the character before them, although their Unicode category looks
/// printable: one list for the agent, which cleans a binding message before it sends it (Mandate.AI), and the server,
/// which refuses a binding message that holds them (docs/security.md, binding messages).
/// </summary>
internal static class InvisibleCodePoints
{
    /// <summary>
    /// Whether <paramref name="c"/> is a default-ignorable code point outside category Cf (Unicode §5.21), a blank
    /// filler, or a combining overlay (canonical combining class 1).
    /// </summary>
    public static bool IsInvisibleOrOverlay(int c) =>
        // Default-ignorable code points outside category Cf.
        c is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or 0x3164 or 0xFFA0
            or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0000 and <= 0xE0FFF)
        // Blank fillers.
            or 0x2800
        // Combining overlays (canonical combining class 1).
            or (>= 0x0334 and <= 0x0338) or 0x1CD4 or (>= 0x1CE2 and <= 0x1CE8) or 0x20D2 or 0x20D3
            or (>= 0x20D8 and <= 0x20DA) or 0x20E5 or 0x20E6 or 0x20EA or 0x20EB or 0x10A39
            or (>= 0x16AF0 and <= 0x16AF4) or 0x1BC9E or (>= 0x1D167 and <= 0x1D169);
}
