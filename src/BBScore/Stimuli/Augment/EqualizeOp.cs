namespace BBScore.Stimuli.Augment;

/// <summary><c>ImageOps.equalize(image)</c>: per band, step = (pixels − count of the highest value present) // 255, and
/// value i maps to (step // 2 + pixels below i) // step; bands with one value, or a zero step, are left as they are.</summary>
public static class EqualizeOp
{
    public static RgbImage Apply(RgbImage image)
    {
        long[] hist = PilLut.Histogram(image);
        var lut = new byte[768];
        for (int band = 0; band < 3; band++)
        {
            var h = hist.AsSpan(band * 256, 256);
            long total = 0, last = 0;
            int present = 0;
            foreach (long c in h)
                if (c != 0) { total += c; last = c; present++; }
            long step = present <= 1 ? 0 : (total - last) / 255;
            long n = step / 2;
            for (int i = 0; i < 256; i++)
            {
                // PIL's table is built before the count of i is added, so a value maps by the pixels below it.
                lut[band * 256 + i] = step == 0 ? (byte)i : (byte)Math.Min(n / step, 255);
                n += h[i];
            }
        }
        return PilLut.Apply(image, lut);
    }
}
