using BBScore.Numerics;
using BBScore.Numerics.Ridge;
using CsCheck;
using static BBScore.Tests.Properties.PropertyCheck;

namespace BBScore.Tests.Properties;

/// <summary>The ridge solver against the closed form W = (XcᵀXc + αI)⁻¹ Xcᵀ Yc (Xc, Yc centred; b = ȳ − x̄·W),
/// solved naively in double by Gaussian elimination, on small random problems with p &lt; n, p = n and p &gt; n.
/// The weights are returned as float32; the float64 path matches weights, intercepts and predictions to 1e-6 of
/// the largest. The default mixed precision drops eigen-directions with λ ≤ 10·6e-8·√n·λ_max
/// (RidgeEigenBasis.NegligibleEigenvalue), which leaves predictions within float32 accuracy but changes the weights
/// of a feature with ~1000× less variance than the others by up to ~√(that tolerance) of the largest weight
/// (found by this suite: see <see cref="Mixed_precision_ridge_predictions_match_the_closed_form_at_float32_accuracy"/>),
/// so there predictions are compared instead, at 1e-5 of the largest.</summary>
public class RidgeReferenceProperties
{
    static readonly Gen<(FeatureMatrix X, double[,] Y, double Alpha)> Problems =
        from n in Gen.Int[2, 9]
        from p in Gen.Int[1, 9]
        from t in Gen.Int[1, 3]
        from x in Gen.Float[-1, 1].Array[n * p]
        from y in Gen.Double[-2, 2].Array2D[n, t]
        from logAlpha in Gen.Double[-1, 2]
        select (new FeatureMatrix(x, n, p), y, Math.Pow(10, logAlpha));

    /// <summary>(W, b) of ridge with an unpenalised intercept, all in double.</summary>
    static (double[,] W, double[] B) ClosedForm(FeatureMatrix x, double[,] y, double alpha)
    {
        int n = x.Rows, p = x.Cols, t = y.GetLength(1);
        var xMean = new double[p];
        var yMean = new double[t];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++) xMean[j] += x.Data[i * p + j] / (double)n;
            for (int k = 0; k < t; k++) yMean[k] += y[i, k] / n;
        }
        // Augmented system [XcᵀXc + αI | XcᵀYc].
        var a = new double[p, p + t];
        for (int i = 0; i < n; i++)
            for (int r = 0; r < p; r++)
            {
                double xr = x.Data[i * p + r] - xMean[r];
                for (int c = 0; c < p; c++) a[r, c] += xr * (x.Data[i * p + c] - xMean[c]);
                for (int k = 0; k < t; k++) a[r, p + k] += xr * (y[i, k] - yMean[k]);
            }
        for (int r = 0; r < p; r++) a[r, r] += alpha;
        for (int col = 0; col < p; col++)
        {
            int pivot = Enumerable.Range(col, p - col).MaxBy(r => Math.Abs(a[r, col]));
            for (int c = 0; c < p + t; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (int r = 0; r < p; r++)
            {
                if (r == col) continue;
                double factor = a[r, col] / a[col, col];
                for (int c = col; c < p + t; c++) a[r, c] -= factor * a[col, c];
            }
        }
        var w = new double[p, t];
        var b = (double[])yMean.Clone();
        for (int r = 0; r < p; r++)
            for (int k = 0; k < t; k++)
            {
                w[r, k] = a[r, p + k] / a[r, r];
                b[k] -= xMean[r] * w[r, k];
            }
        return (w, b);
    }

    static void MatchesClosedForm((FeatureMatrix X, double[,] Y, double Alpha) c, RidgePrecision precision, double relative, bool weights = true)
    {
        var solution = RidgeSolver.FitFixed(c.X, c.Y, c.Alpha, new RidgeSolverOptions(precision));
        var (w, b) = ClosedForm(c.X, c.Y, c.Alpha);
        int p = c.X.Cols, t = c.Y.GetLength(1);
        float[] coef = solution.Weights.Coefficients();
        True(coef.Length == p * t && solution.Alpha.All(a => a == c.Alpha), "shape or alpha");
        double largest = Math.Max(w.Cast<double>().Max(Math.Abs), 1e-12);
        for (int r = 0; r < p && weights; r++)
            for (int k = 0; k < t; k++)
                Close(w[r, k], coef[r * t + k], relative, largest, $"W[{r},{k}] ({c.X.Rows}x{p}, alpha {c.Alpha:G3})");
        // b is of the size of ȳ; its error is x̄·(error of W).
        double bScale = Math.Max(b.Max(Math.Abs), largest * p);
        for (int k = 0; k < t && weights; k++) Close(b[k], solution.Intercept[k], relative, bScale, $"b[{k}]");
        var predicted = solution.Predict(c.X);
        for (int i = 0; i < c.X.Rows; i++)
            for (int k = 0; k < t; k++)
            {
                double expected = b[k];
                for (int r = 0; r < p; r++) expected += c.X.Data[i * p + r] * w[r, k];
                Close(expected, predicted[i, k], 10 * relative, bScale, $"prediction [{i},{k}]");
            }
    }

    [Fact]
    public void Float64_ridge_weights_match_the_closed_form()
    {
        Run(Problems, c => MatchesClosedForm(c, RidgePrecision.Double, 1e-6), iterations: 150, seed: 71);
    }

    [Fact]
    public void Mixed_precision_ridge_predictions_match_the_closed_form_at_float32_accuracy()
    {
        // Weights are not compared: counterexample (seed 6rt_O4d_7Gh1, 4 × 3, alpha 1.13) has a feature column
        // [0, 2e-33, 0, 8.3e-4] whose direction (λ ≈ 5e-7 of λ_max ≈ 2) is dropped: W[2,0] = -1.79e-4 instead of
        // -7.98e-4 (largest weight 0.51), while its predictions change by ~1e-7.
        Run(Problems, c => MatchesClosedForm(c, RidgePrecision.Mixed, 1e-5, weights: false), iterations: 150, seed: 72);
    }

    [Fact]
    public void Cross_validated_alphas_minimise_the_naive_leave_one_out_error()
    {
        double[] grid = [0.01, 1, 100];
        var gen = Problems.Where(c => c.X.Rows >= 3);
        Run(gen, c =>
        {
            var solution = RidgeSolver.FitCrossValidated(c.X, c.Y, grid, alphaPerTarget: true, new RidgeSolverOptions(RidgePrecision.Double));
            int n = c.X.Rows, p = c.X.Cols, t = c.Y.GetLength(1);
            var loo = new double[grid.Length, t];
            for (int a = 0; a < grid.Length; a++)
                for (int left = 0; left < n; left++)
                {
                    var rows = Enumerable.Range(0, n).Where(i => i != left).ToArray();
                    var yTrain = new double[n - 1, t];
                    for (int i = 0; i < rows.Length; i++)
                        for (int k = 0; k < t; k++) yTrain[i, k] = c.Y[rows[i], k];
                    var (w, b) = ClosedForm(c.X.SelectRows(rows), yTrain, grid[a]);
                    for (int k = 0; k < t; k++)
                    {
                        double predicted = b[k];
                        for (int r = 0; r < p; r++) predicted += c.X.Data[left * p + r] * w[r, k];
                        loo[a, k] += (predicted - c.Y[left, k]) * (predicted - c.Y[left, k]) / n;
                    }
                }
            for (int k = 0; k < t; k++)
            {
                int chosen = Array.IndexOf(grid, solution.Alpha[k]);
                double best = Enumerable.Range(0, grid.Length).Min(a => loo[a, k]);
                True(chosen >= 0, $"alpha {solution.Alpha[k]} is not in the grid");
                // Near-ties may go either way; a clearly worse alpha may not.
                True(loo[chosen, k] <= best * (1 + 1e-6) + 1e-12, $"target {k}: chose alpha {grid[chosen]} with LOO error {loo[chosen, k]:R}, best is {best:R} (LOO errors {string.Join(", ", Enumerable.Range(0, grid.Length).Select(a => loo[a, k].ToString("R")))})");
                for (int a = 0; a < grid.Length; a++)
                    Close(loo[a, k], solution.LooMeanSquaredErrors![a, k], 1e-6, best, $"LOO MSE [alpha {grid[a]}, target {k}]");
            }
        }, iterations: 60, seed: 73);
    }
}
