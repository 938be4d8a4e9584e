namespace BBScore.Stimuli.Augment;

/// <summary>timm's geometric ops as the inverse matrices they hand to PIL's affine transform: shear_x/shear_y by a
/// factor, translate_x_rel/translate_y_rel by a fraction of the width/height (pixels = fraction × size), and PIL's
/// <c>Image.rotate(degrees)</c> about the centre, no expansion.</summary>
public static class AffineOps
{
    public static RgbImage ShearX(RgbImage image, double factor, PilResample resample, byte fill) =>
        PilAffine.Transform(image, [1, factor, 0, 0, 1, 0], resample, fill);

    public static RgbImage ShearY(RgbImage image, double factor, PilResample resample, byte fill) =>
        PilAffine.Transform(image, [1, 0, 0, factor, 1, 0], resample, fill);

    public static RgbImage TranslateXRel(RgbImage image, double fraction, PilResample resample, byte fill) =>
        PilAffine.Transform(image, [1, 0, fraction * image.Width, 0, 1, 0], resample, fill);

    public static RgbImage TranslateYRel(RgbImage image, double fraction, PilResample resample, byte fill) =>
        PilAffine.Transform(image, [1, 0, 0, 0, 1, fraction * image.Height], resample, fill);

    public static RgbImage Rotate(RgbImage image, double degrees, PilResample resample, byte fill)
    {
        // Python's float modulo (the result takes the divisor's sign); PIL returns a copy for 0°. 90/180/270°, which
        // PIL turns into transposes, are beyond RandAugment's ±30°.
        double angle = degrees % 360.0;
        if (angle < 0) angle += 360.0;
        if (angle == 0) return new RgbImage(image.Width, image.Height, (byte[])image.Pixels.Clone());
        double cx = image.Width / 2.0, cy = image.Height / 2.0;
        double radians = -(angle * (Math.PI / 180.0));
        double a = Round15(Math.Cos(radians)), b = Round15(Math.Sin(radians));
        double d = Round15(-Math.Sin(radians)), e = Round15(Math.Cos(radians));
        double c = a * -cx + b * -cy + 0.0, f = d * -cx + e * -cy + 0.0;
        c += cx;
        f += cy;
        return PilAffine.Transform(image, [a, b, c, d, e, f], resample, fill);
    }

    /// <summary>Python's <c>round(v, 15)</c>: the correctly rounded 15-decimal string read back (.NET's fixed-point
    /// formatting is exact since .NET Core 3.0; <see cref="Math.Round(double, int)"/> scales and can differ in the last bit).</summary>
    static double Round15(double v) =>
        double.Parse(v.ToString("F15", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
