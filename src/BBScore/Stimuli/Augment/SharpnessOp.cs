namespace BBScore.Stimuli.Augment;

/// <summary><c>ImageEnhance.Sharpness(image).enhance(factor)</c>: a blend between PIL's SMOOTH-filtered image and the
/// image. SMOOTH is the 3×3 kernel [1 1 1; 1 5 1; 1 1 1] / 13 run as libImaging/Filter.c does: weights divided in
/// single precision, rows summed below-centre-above in float from 0.5 (its rounding), truncated; the one-pixel border
/// copied unfiltered; images under 3×3 unfiltered.</summary>
public static class SharpnessOp
{
    public static RgbImage Apply(RgbImage image, double factor) => PilBlend.Blend(Smooth(image), image, factor);

    public static RgbImage Smooth(RgbImage image)
    {
        int w = image.Width, h = image.Height;
        byte[] src = image.Pixels;
        var dst = (byte[])src.Clone();
        if (w < 3 || h < 3) return new RgbImage(w, h, dst);
        float side = 1f / 13f, centre = 5f / 13f;
        for (int y = 1; y < h - 1; y++)
        {
            for (int x = 1; x < w - 1; x++)
            {
                for (int b = 0; b < 3; b++)
                {
                    float ss = 0.5f;
                    ss += Row(src, ((y + 1) * w + x) * 3 + b, side, side);
                    ss += Row(src, (y * w + x) * 3 + b, side, centre);
                    ss += Row(src, ((y - 1) * w + x) * 3 + b, side, side);
                    dst[(y * w + x) * 3 + b] = ss <= 0f ? (byte)0 : ss >= 255f ? (byte)255 : (byte)ss;
                }
            }
        }
        return new RgbImage(w, h, dst);
    }

    /// <summary>One kernel row at a pixel: left·k + centre·m + right·k, in float, in that order.</summary>
    static float Row(byte[] src, int at, float k, float m) => src[at - 3] * k + src[at] * m + src[at + 3] * k;
}
