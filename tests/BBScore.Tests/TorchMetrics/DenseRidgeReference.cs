using BBScore.Numerics.TorchRidge;

namespace BBScore.Tests.TorchMetrics;

/// <summary>The validation scan of TorchRidgeCv recomputed by brute force in float64: primal ridge
/// on the training rows (Cholesky), whatever the shape, so it checks the dual path too.</summary>
internal static class DenseRidgeReference
{
    /// <summary>Mean over targets of 1 − Σ(y−ŷ)²/(Σy² + 1e−6) on the validation rows, per alpha;
    /// x and y centred with the means of all rows, as the solver does.</summary>
    public static double[] ValidationScores(double[,] xc, double[,] yc, ValidationSplit split, IReadOnlyList<double> alphas)
    {
        int features = xc.GetLength(1), targets = yc.GetLength(1);
        var xtx = new double[features, features];
        var xty = new double[features, targets];
        foreach (int r in split.Training)
        {
            for (int i = 0; i < features; i++)
            {
                for (int j = 0; j < features; j++) xtx[i, j] += xc[r, i] * xc[r, j];
                for (int t = 0; t < targets; t++) xty[i, t] += xc[r, i] * yc[r, t];
            }
        }
        return alphas.Select(alpha =>
        {
            var w = SolveRidge(xtx, xty, alpha);
            double sum = 0;
            for (int t = 0; t < targets; t++)
            {
                double residual = 0, total = 0;
                foreach (int r in split.Validation)
                {
                    double predicted = 0;
                    for (int i = 0; i < features; i++) predicted += xc[r, i] * w[i, t];
                    residual += (yc[r, t] - predicted) * (yc[r, t] - predicted);
                    total += yc[r, t] * yc[r, t];
                }
                sum += 1 - residual / (total + 1e-6);
            }
            return sum / targets;
        }).ToArray();
    }

    /// <summary>(A + αI)⁻¹ B by Cholesky; A symmetric positive semi-definite.</summary>
    static double[,] SolveRidge(double[,] a, double[,] b, double alpha)
    {
        int n = a.GetLength(0), m = b.GetLength(1);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j] + (i == j ? alpha : 0);
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        var x = new double[n, m];
        for (int c = 0; c < m; c++)
        {
            var z = new double[n];
            for (int i = 0; i < n; i++)
            {
                double sum = b[i, c];
                for (int k = 0; k < i; k++) sum -= l[i, k] * z[k];
                z[i] = sum / l[i, i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double sum = z[i];
                for (int k = i + 1; k < n; k++) sum -= l[k, i] * x[k, c];
                x[i, c] = sum / l[i, i];
            }
        }
        return x;
    }
}
