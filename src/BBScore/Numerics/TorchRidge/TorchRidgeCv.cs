using BBScore.Numerics.CrossValidation;
using BBScore.Numerics.Ridge;

namespace BBScore.Numerics.TorchRidge;

/// <summary>
/// The original's <c>TorchRidgeCV</c> (model of the <c>torch_ridge</c> metric): float32 ridge with
/// ONE alpha for all targets, chosen on a seeded 10% validation split by
/// <see cref="ValidationScore.MeanR2"/>, then refitted on all rows. More features than rows use the
/// kernel (dual) form, otherwise the Gram (primal) form; both give the same weights.
/// </summary>
public sealed class TorchRidgeCv
{
    readonly double[] _alphas;

    /// <param name="alphas">The grid, scanned in the given order (ties keep the earlier alpha; the last
    /// alpha is the original's fallback when no score is finite).</param>
    /// <param name="seed">Seeds the validation split (the original's split is unseeded).</param>
    /// <param name="validationFraction">Share of rows held out to score alphas (the original's 0.1).</param>
    public TorchRidgeCv(IReadOnlyList<double> alphas, long seed, double validationFraction = 0.1)
    {
        _alphas = RidgeAlphas.Validate(alphas);
        Seed = seed;
        ValidationFraction = validationFraction;
    }

    public IReadOnlyList<double> Alphas => _alphas;
    public long Seed { get; }
    public double ValidationFraction { get; }

    /// <summary>True when <see cref="Fit"/> takes the kernel path (more features than rows, as the original decides).</summary>
    public static bool UsesDualSolver(int rows, int features) => features > rows;

    public ValidatedLinearFit Fit(FeatureMatrix x, double[,] y, CancellationToken cancel = default)
    {
        CheckShapes(x, y);
        var split = ValidationSplit.Draw(x.Rows, ValidationFraction, new SeededRandom(Seed));
        double[] xMeans = ColumnMeans.Of(x), yMeans = ColumnMeans.Of(y);
        using var data = CentredTensors.From(x, y, xMeans, yMeans);
        bool dual = UsesDualSolver(x.Rows, x.Cols);
        double[] scores = dual
            ? DualRidgeSolver.ScoreAlphas(data, split, _alphas, cancel)
            : PrimalRidgeSolver.ScoreAlphas(data, split, _alphas, cancel);
        double alpha = _alphas[SharedAlpha.Best(scores, fallback: _alphas.Length - 1)];
        cancel.ThrowIfCancellationRequested();
        var weights = Refit(data, dual, alpha, xMeans, yMeans);
        return new ValidatedLinearFit(weights, alpha, _alphas, scores);
    }

    /// <summary>The closed-form refit of <see cref="Fit"/> on all rows with a given alpha: scikit-learn's
    /// <c>Ridge(alpha, fit_intercept=True)</c> computed in float32.</summary>
    public static LinearWeights FitWithAlpha(FeatureMatrix x, double[,] y, double alpha)
    {
        CheckShapes(x, y);
        RidgeAlphas.Validate([alpha]);
        double[] xMeans = ColumnMeans.Of(x), yMeans = ColumnMeans.Of(y);
        using var data = CentredTensors.From(x, y, xMeans, yMeans);
        return Refit(data, UsesDualSolver(x.Rows, x.Cols), alpha, xMeans, yMeans);
    }

    static LinearWeights Refit(CentredTensors data, bool dual, double alpha, double[] xMeans, double[] yMeans) => dual
        ? DualRidgeSolver.Refit(data, alpha, xMeans, yMeans)
        : PrimalRidgeSolver.Refit(data, alpha, xMeans, yMeans);

    internal static void CheckShapes(FeatureMatrix x, double[,] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (y.GetLength(0) != x.Rows)
            throw new ArgumentException($"The targets have {y.GetLength(0)} rows but the features have {x.Rows}.", nameof(y));
        if (y.GetLength(1) == 0) throw new ArgumentException("There are no target columns.", nameof(y));
        if (x.Cols == 0) throw new ArgumentException("There are no feature columns.", nameof(x));
    }
}
