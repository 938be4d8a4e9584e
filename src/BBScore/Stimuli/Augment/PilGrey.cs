namespace BBScore.Stimuli.Augment;

/// <summary>PIL's RGB → "L" conversion (ITU-R 601-2 luma in 16-bit fixed point, libImaging/Convert.c), which the
/// Color and Contrast enhancers start from.</summary>
public static class PilGrey
{
    public static byte Luma(byte r, byte g, byte b) => (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);

    /// <summary>The image converted to "L" and back to RGB (each pixel's luma in all three bands).</summary>
    public static RgbImage GreyRgb(RgbImage image)
    {
        byte[] src = image.Pixels;
        var dst = new byte[src.Length];
        for (int i = 0; i < src.Length; i += 3)
            dst[i] = dst[i + 1] = dst[i + 2] = Luma(src[i], src[i + 1], src[i + 2]);
        return new RgbImage(image.Width, image.Height, dst);
    }
}
