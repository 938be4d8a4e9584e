namespace BBScore.Stimuli.Augment;

/// <summary>timm's <c>solarize_add</c>: values below 128 are raised by <c>add</c> (capped at 255), the rest unchanged.</summary>
public static class SolarizeAddOp
{
    public const int Threshold = 128;

    public static RgbImage Apply(RgbImage image, int add) =>
        PilLut.Apply(image, PilLut.Table(i => i < Threshold ? Math.Min(255, i + add) : i));
}
