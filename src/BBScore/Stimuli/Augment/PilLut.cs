namespace BBScore.Stimuli.Augment;

/// <summary>PIL's <c>Image.point(lut)</c> / <c>ImageOps._lut</c> on RGB: each band through its own 256-entry table, or
/// all three through one; and <c>Image.histogram()</c>'s per-band counts, which the histogram-driven ops read.</summary>
public static class PilLut
{
    public static RgbImage Apply(RgbImage image, ReadOnlySpan<byte> lut)
    {
        if (lut.Length != 256 && lut.Length != 768) throw new ArgumentException("A table has 256 entries, or 256 per band.", nameof(lut));
        byte[] src = image.Pixels;
        var dst = new byte[src.Length];
        int stride = lut.Length == 768 ? 256 : 0;
        for (int i = 0; i < src.Length; i += 3)
        {
            dst[i] = lut[src[i]];
            dst[i + 1] = lut[stride + src[i + 1]];
            dst[i + 2] = lut[2 * stride + src[i + 2]];
        }
        return new RgbImage(image.Width, image.Height, dst);
    }

    /// <summary>The table <paramref name="map"/> gives, as bytes.</summary>
    public static byte[] Table(Func<int, int> map)
    {
        var lut = new byte[256];
        for (int i = 0; i < 256; i++) lut[i] = (byte)map(i);
        return lut;
    }

    /// <summary>Counts per band: [band * 256 + value].</summary>
    public static long[] Histogram(RgbImage image)
    {
        var counts = new long[768];
        byte[] px = image.Pixels;
        for (int i = 0; i < px.Length; i += 3)
        {
            counts[px[i]]++;
            counts[256 + px[i + 1]]++;
            counts[512 + px[i + 2]]++;
        }
        return counts;
    }
}
