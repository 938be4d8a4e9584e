using BBScore.Stimuli;

namespace BBScore.Tests.Models.TorchSharp;

internal static class TorchSharpTestImages
{
    /// <summary>Seeded random RGB pixels.</summary>
    public static RgbImage Random(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    public static double MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }
}
