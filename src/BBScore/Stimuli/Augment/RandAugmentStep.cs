namespace BBScore.Stimuli.Augment;

/// <summary>One of a clip's RandAugment layers, with every random choice already made: whether it applies (timm's
/// per-op probability), the noisy magnitude, the sign of signed ops and the resample filter of affine ops.</summary>
public sealed record RandAugmentStep(RandAugmentOp Op, bool Applied, double Magnitude, bool Negate, PilResample Resample)
{
    /// <summary>timm's <c>img_mean</c> fill for pixels moved in from outside: (128, 128, 128).</summary>
    public const byte Fill = 128;

    public RgbImage Apply(RgbImage image)
    {
        if (!Applied) return image;
        double level = Magnitude / RandAugmentConfig.LevelDenominator;
        return Op switch
        {
            RandAugmentOp.AutoContrast => AutoContrastOp.Apply(image),
            RandAugmentOp.Equalize => EqualizeOp.Apply(image),
            RandAugmentOp.Invert => InvertOp.Apply(image),
            RandAugmentOp.Rotate => AffineOps.Rotate(image, Signed(level * 30.0), Resample, Fill),
            RandAugmentOp.Posterize => PosterizeOp.Apply(image, (int)(level * 4)),
            RandAugmentOp.Solarize => SolarizeOp.Apply(image, Math.Min(256, (int)(level * 256))),
            RandAugmentOp.SolarizeAdd => SolarizeAddOp.Apply(image, Math.Min(128, (int)(level * 110))),
            RandAugmentOp.Color => ColorOp.Apply(image, Enhance(level)),
            RandAugmentOp.Contrast => ContrastOp.Apply(image, Enhance(level)),
            RandAugmentOp.Brightness => BrightnessOp.Apply(image, Enhance(level)),
            RandAugmentOp.Sharpness => SharpnessOp.Apply(image, Enhance(level)),
            RandAugmentOp.ShearX => AffineOps.ShearX(image, Signed(level * 0.3), Resample, Fill),
            RandAugmentOp.ShearY => AffineOps.ShearY(image, Signed(level * 0.3), Resample, Fill),
            RandAugmentOp.TranslateXRel => AffineOps.TranslateXRel(image, Signed(level * 0.45), Resample, Fill),
            RandAugmentOp.TranslateYRel => AffineOps.TranslateYRel(image, Signed(level * 0.45), Resample, Fill),
            _ => throw new ArgumentOutOfRangeException(nameof(Op), Op, "Unknown RandAugment op."),
        };
    }

    /// <summary>timm's <c>_enhance_level_to_arg</c>: factor 0.1 .. 1.9.</summary>
    static double Enhance(double level) => level * 1.8 + 0.1;

    double Signed(double v) => Negate ? -v : v;

    /// <summary>Ops whose level timm negates at random (<c>_randomly_negate</c>).</summary>
    public static bool IsSigned(RandAugmentOp op) => op is RandAugmentOp.Rotate or RandAugmentOp.ShearX or RandAugmentOp.ShearY
        or RandAugmentOp.TranslateXRel or RandAugmentOp.TranslateYRel;

    /// <summary>Ops that go through PIL's affine transform and so draw a resample filter (<c>_RANDOM_INTERPOLATION</c>).</summary>
    public static bool IsAffine(RandAugmentOp op) => IsSigned(op);
}
