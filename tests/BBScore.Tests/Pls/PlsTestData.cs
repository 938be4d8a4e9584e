using BBScore.Numerics;

namespace BBScore.Tests.Pls;

/// <summary>Small seeded regression problems: targets driven by a few latent directions of X plus noise.</summary>
internal static class PlsTestData
{
    public static (FeatureMatrix X, double[,] Y) Latent(int rows, int features, int targets, int rank, double noise, int seed)
    {
        var random = new Random(seed);
        var latent = Gaussian(random, rows, rank);
        var mixing = Gaussian(random, rank, features);
        var loadings = Gaussian(random, rank, targets);
        var x = new float[rows * features];
        var y = new double[rows, targets];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < features; j++)
                x[r * features + j] = (float)(Dot(latent, r, mixing, j, rank) + 0.5 * Normal(random));
            for (int t = 0; t < targets; t++)
                y[r, t] = Dot(latent, r, loadings, t, rank) + noise * Normal(random);
        }
        return (new FeatureMatrix(x, rows, features), y);
    }

    static double Dot(double[,] left, int row, double[,] right, int column, int inner)
    {
        double sum = 0;
        for (int i = 0; i < inner; i++) sum += left[row, i] * right[i, column];
        return sum;
    }

    static double[,] Gaussian(Random random, int rows, int columns)
    {
        var matrix = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) matrix[r, c] = Normal(random);
        return matrix;
    }

    /// <summary>Box–Muller standard normal.</summary>
    static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
