namespace BBScore.Stimuli.Augment;

/// <summary><c>ImageEnhance.Color(image).enhance(factor)</c>: a blend between the image's grey version and itself.</summary>
public static class ColorOp
{
    public static RgbImage Apply(RgbImage image, double factor) => PilBlend.Blend(PilGrey.GreyRgb(image), image, factor);
}
