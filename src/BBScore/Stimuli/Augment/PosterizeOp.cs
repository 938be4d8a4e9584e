namespace BBScore.Stimuli.Augment;

/// <summary>timm's <c>posterize</c>: <c>ImageOps.posterize(image, bits)</c> keeps the top <c>bits</c> bits of each value
/// (0 bits: black); 8 or more bits leave the image unchanged.</summary>
public static class PosterizeOp
{
    public static RgbImage Apply(RgbImage image, int bits)
    {
        if (bits >= 8) return image;
        if (bits < 0) throw new ArgumentOutOfRangeException(nameof(bits), bits, "Posterize keeps 0 to 8 bits.");
        int mask = ~((1 << (8 - bits)) - 1);
        return PilLut.Apply(image, PilLut.Table(i => i & mask));
    }
}
