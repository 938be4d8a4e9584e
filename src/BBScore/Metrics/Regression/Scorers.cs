namespace BBScore.Metrics.Regression;

/// <summary>
/// Per-target scores of predictions against held-out targets (rows × targets → one value per
/// target), as the original's offline metrics compute them column by column.
/// </summary>
public static class Scorers
{
    /// <summary>The original scorer's variance threshold and allclose tolerance (its <c>eps</c>).</summary>
    public const double CompatEpsilon = 1e-8;

    /// <summary>
    /// Pearson correlation per target. <see cref="CompatMode.Fixed"/>: the plain Pearson r; it is
    /// undefined (NaN) with fewer than 2 rows or when either column is constant (as SciPy's
    /// <c>pearsonr</c>); the post-processing's medians skip NaN targets and report how many there
    /// were. <see cref="CompatMode.BBScore"/>: the original's <c>pearson_correlation_scorer</c> —
    /// NaN with fewer than 2 rows; if either column's population variance is below 1e-8, 1.0 when
    /// <c>allclose(truth, prediction, atol=1e-8)</c> else 0.0; otherwise r mapped by
    /// <see cref="SpearmanBrown"/>.
    /// </summary>
    public static double[] Pearson(double[,] yTrue, double[,] yPred, CompatMode compat = CompatMode.Fixed)
    {
        var stats = ScorerColumnStatistics.Compute(yTrue, yPred, CompatEpsilon);
        var scores = new double[yTrue.GetLength(1)];
        for (int c = 0; c < scores.Length; c++)
            scores[c] = compat == CompatMode.BBScore ? CompatPearson(stats, c) : PlainPearson(stats, c);
        return scores;
    }

    /// <summary>
    /// Coefficient of determination per target with scikit-learn's <c>r2_score</c> conventions:
    /// 1 − SS_res/SS_tot; NaN with fewer than 2 rows; for a constant target (SS_tot = 0) 1.0 when
    /// the prediction is perfect (SS_res = 0) and 0.0 otherwise (<c>force_finite=True</c>).
    /// </summary>
    public static double[] R2(double[,] yTrue, double[,] yPred)
    {
        var stats = ScorerColumnStatistics.Compute(yTrue, yPred, CompatEpsilon);
        var scores = new double[yTrue.GetLength(1)];
        for (int c = 0; c < scores.Length; c++)
        {
            double residual = stats.ResidualSquares[c], total = stats.TrueSquares[c];
            scores[c] = stats.Rows < 2 ? double.NaN
                : residual == 0 ? 1.0
                : total == 0 ? 0.0
                : 1.0 - residual / total;
        }
        return scores;
    }

    /// <summary>The original's transform of r, the Spearman–Brown prophecy for doubling:
    /// 2r/(1+r), exactly 1 for r = 1. Applied to negative r too (r = −0.5 gives −2).</summary>
    public static double SpearmanBrown(double r) => r == 1.0 ? 1.0 : 2 * r / (1 + r);

    static double PlainPearson(ScorerColumnStatistics stats, int c)
    {
        if (stats.Rows < 2 || stats.TrueConstant[c] || stats.PredConstant[c]) return double.NaN;
        double denominator = Math.Sqrt(stats.TrueSquares[c]) * Math.Sqrt(stats.PredSquares[c]);
        if (denominator == 0) return double.NaN;
        // Rounding can push |r| a hair past 1; SciPy clips the same way.
        return Math.Clamp(stats.CrossProducts[c] / denominator, -1.0, 1.0);
    }

    static double CompatPearson(ScorerColumnStatistics stats, int c)
    {
        if (stats.Rows < 2) return double.NaN;
        double trueVariance = stats.TrueSquares[c] / stats.Rows, predVariance = stats.PredSquares[c] / stats.Rows;
        if (trueVariance < CompatEpsilon || predVariance < CompatEpsilon) return stats.AllClose[c] ? 1.0 : 0.0;
        return SpearmanBrown(PlainPearson(stats, c));
    }
}
