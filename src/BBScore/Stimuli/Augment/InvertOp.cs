namespace BBScore.Stimuli.Augment;

/// <summary><c>ImageOps.invert(image)</c>: 255 − value in every band.</summary>
public static class InvertOp
{
    static readonly byte[] Lut = PilLut.Table(i => 255 - i);

    public static RgbImage Apply(RgbImage image) => PilLut.Apply(image, Lut);
}
