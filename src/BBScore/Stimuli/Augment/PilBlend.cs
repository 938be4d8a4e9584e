namespace BBScore.Stimuli.Augment;

/// <summary>PIL's <c>Image.blend(degenerate, image, factor)</c> (libImaging/Blend.c), which every ImageEnhance class
/// ends in: the factor becomes a C float, interpolation (0 ≤ factor ≤ 1) truncates, extrapolation clips then truncates.</summary>
public static class PilBlend
{
    public static RgbImage Blend(RgbImage degenerate, RgbImage image, double factor)
    {
        float alpha = (float)factor;
        if (alpha == 0f) return Copy(degenerate);
        if (alpha == 1f) return Copy(image);
        byte[] a = degenerate.Pixels, b = image.Pixels;
        var dst = new byte[a.Length];
        bool inside = alpha >= 0 && alpha <= 1f;
        for (int i = 0; i < a.Length; i++)
        {
            float v = a[i] + alpha * (b[i] - a[i]);
            dst[i] = inside ? (byte)v : v <= 0f ? (byte)0 : v >= 255f ? (byte)255 : (byte)v;
        }
        return new RgbImage(image.Width, image.Height, dst);
    }

    static RgbImage Copy(RgbImage image) => new(image.Width, image.Height, (byte[])image.Pixels.Clone());
}
