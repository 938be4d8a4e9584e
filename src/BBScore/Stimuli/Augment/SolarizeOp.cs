namespace BBScore.Stimuli.Augment;

/// <summary><c>ImageOps.solarize(image, threshold)</c>: values at or above the threshold are inverted.</summary>
public static class SolarizeOp
{
    public static RgbImage Apply(RgbImage image, int threshold) =>
        PilLut.Apply(image, PilLut.Table(i => i < threshold ? i : 255 - i));
}
