using BBScore.Features;

namespace BBScore.Tests.RegressionMetrics;

/// <summary>Seeded features and targets with a known linear signal: target column c is a fixed
/// random combination of the features scaled by <c>signal[c]</c>, plus unit Gaussian noise.</summary>
static class SyntheticRegressionData
{
    public static (FeatureTensor Features, double[,] Targets) Make(int rows, int features, double[] signal, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new float[rows * features];
        for (int i = 0; i < x.Length; i++) x[i] = (float)Normal();
        var weights = new double[features, signal.Length];
        for (int j = 0; j < features; j++)
            for (int c = 0; c < signal.Length; c++) weights[j, c] = Normal() / Math.Sqrt(features);
        var y = new double[rows, signal.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < signal.Length; c++)
            {
                double value = 0;
                for (int j = 0; j < features; j++) value += x[r * features + j] * weights[j, c];
                y[r, c] = signal[c] * value + Normal();
            }
        return (new FeatureTensor(x, [rows, features]), y);
    }
}
