namespace BBScore.Stimuli.Augment;

/// <summary><c>ImageEnhance.Contrast(image).enhance(factor)</c>: a blend between a flat image of the grey version's
/// mean, <c>int(mean + 0.5)</c>, and the image.</summary>
public static class ContrastOp
{
    public static RgbImage Apply(RgbImage image, double factor)
    {
        byte[] px = image.Pixels;
        long sum = 0;
        for (int i = 0; i < px.Length; i += 3) sum += PilGrey.Luma(px[i], px[i + 1], px[i + 2]);
        double mean = (double)sum / (image.Width * image.Height);
        var flat = new byte[px.Length];
        Array.Fill(flat, (byte)(int)(mean + 0.5));
        return PilBlend.Blend(new RgbImage(image.Width, image.Height, flat), image, factor);
    }
}
