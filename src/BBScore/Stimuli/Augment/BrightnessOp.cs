namespace BBScore.Stimuli.Augment;

/// <summary><c>ImageEnhance.Brightness(image).enhance(factor)</c>: a blend between black and the image.</summary>
public static class BrightnessOp
{
    public static RgbImage Apply(RgbImage image, double factor) =>
        PilBlend.Blend(new RgbImage(image.Width, image.Height, new byte[image.Pixels.Length]), image, factor);
}
