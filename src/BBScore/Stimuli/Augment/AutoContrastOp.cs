namespace BBScore.Stimuli.Augment;

/// <summary><c>ImageOps.autocontrast(image)</c> (cutoff 0): per band, the darkest value present maps to 0 and the
/// brightest to 255 through <c>int(i * scale + offset)</c>; a band with a single value is left as it is.</summary>
public static class AutoContrastOp
{
    public static RgbImage Apply(RgbImage image)
    {
        long[] hist = PilLut.Histogram(image);
        var lut = new byte[768];
        for (int band = 0; band < 3; band++)
        {
            var h = hist.AsSpan(band * 256, 256);
            int lo = 0, hi = 255;
            while (lo < 255 && h[lo] == 0) lo++;
            while (hi > 0 && h[hi] == 0) hi--;
            for (int i = 0; i < 256; i++)
            {
                if (hi <= lo) { lut[band * 256 + i] = (byte)i; continue; }
                double scale = 255.0 / (hi - lo), offset = -lo * scale;
                int v = (int)(i * scale + offset);
                lut[band * 256 + i] = (byte)Math.Clamp(v, 0, 255);
            }
        }
        return PilLut.Apply(image, lut);
    }
}
