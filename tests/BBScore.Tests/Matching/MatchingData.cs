using BBScore.Features;

namespace BBScore.Tests.Matching;

/// <summary>Seeded source units and target units driven by shared latent signals, so that matched
/// pairs correlate clearly above chance.</summary>
internal static class MatchingData
{
    /// <param name="copies">Target unit j is a noisy copy of source unit <c>copies[j]</c> (−1: pure noise).</param>
    public static (FeatureTensor Features, double[,] Targets) Copies(int rows, int sources, int[] copies, double noise, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new float[rows * sources];
        for (int i = 0; i < x.Length; i++) x[i] = (float)Normal();
        var y = new double[rows, copies.Length];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < copies.Length; j++)
                y[r, j] = (copies[j] >= 0 ? x[r * sources + copies[j]] : 0) + noise * Normal();
        return (new FeatureTensor(x, [rows, sources]), y);
    }

    public static (FeatureTensor Features, double[,] Targets) Random(int rows, int sources, int targets, int seed) =>
        Copies(rows, sources, Enumerable.Range(0, targets).Select(j => j % sources).ToArray(), 1.0, seed);
}
