using BBScore.Numerics;
using BBScore.Numerics.CrossValidation;
using BBScore.Numerics.TorchRidge;

namespace BBScore.Tests.TorchMetrics;

/// <summary>Seeded random regression problems and the float64 arithmetic the tests check against.</summary>
internal static class TorchMetricTestData
{
    /// <summary>y = X·W + noise with offsets on every feature and target; W dense.</summary>
    public static (FeatureMatrix X, double[,] Y) Linear(int rows, int features, int targets, double noise, long seed)
    {
        var random = new SeededRandom(seed);
        var x = new float[rows * features];
        for (int j = 0; j < features; j++)
        {
            double offset = 4 * Uniform(random) - 2, scale = 0.5 + 1.5 * Uniform(random);
            for (int r = 0; r < rows; r++) x[r * features + j] = (float)(offset + scale * Normal(random));
        }
        var weights = new double[features, targets];
        for (int j = 0; j < features; j++)
            for (int t = 0; t < targets; t++) weights[j, t] = Normal(random) / Math.Sqrt(features);
        var y = new double[rows, targets];
        for (int r = 0; r < rows; r++)
            for (int t = 0; t < targets; t++)
            {
                double sum = t - 1.5;
                for (int j = 0; j < features; j++) sum += x[r * features + j] * weights[j, t];
                y[r, t] = sum + noise * Normal(random);
            }
        return (new FeatureMatrix(x, rows, features), y);
    }

    /// <summary>Column-centred copy of x as float64 (rows × features).</summary>
    public static double[,] CentredFeatures(FeatureMatrix x)
    {
        var centred = new double[x.Rows, x.Cols];
        for (int j = 0; j < x.Cols; j++)
        {
            double mean = 0;
            for (int r = 0; r < x.Rows; r++) mean += x.Data[r * x.Cols + j];
            mean /= x.Rows;
            for (int r = 0; r < x.Rows; r++) centred[r, j] = x.Data[r * x.Cols + j] - mean;
        }
        return centred;
    }

    public static double[,] CentredTargets(double[,] y)
    {
        int rows = y.GetLength(0), targets = y.GetLength(1);
        var centred = new double[rows, targets];
        for (int t = 0; t < targets; t++)
        {
            double mean = 0;
            for (int r = 0; r < rows; r++) mean += y[r, t];
            mean /= rows;
            for (int r = 0; r < rows; r++) centred[r, t] = y[r, t] - mean;
        }
        return centred;
    }

    public static double MaxAbs(double[,] values) => values.Cast<double>().Max(Math.Abs);

    public static double MaxAbsDifference(LinearWeights weights, double[,] reference)
    {
        double worst = 0;
        for (int j = 0; j < weights.Features; j++)
            for (int t = 0; t < weights.Targets; t++)
                worst = Math.Max(worst, Math.Abs(weights.Weight(j, t) - reference[j, t]));
        return worst;
    }

    static double Uniform(SeededRandom random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    static double Normal(SeededRandom random) =>
        Math.Sqrt(-2 * Math.Log(1 - Uniform(random))) * Math.Cos(2 * Math.PI * Uniform(random));
}
