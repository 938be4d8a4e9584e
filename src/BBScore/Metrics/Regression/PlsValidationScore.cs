namespace BBScore.Metrics.Regression;

/// <summary>The score that picks the PLS component count: the mean over targets of
/// <see cref="Scorers.Pearson"/> between held-out targets and predictions (the original's <c>avg_pearson</c>).</summary>
/// <remarks>
/// <see cref="CompatMode.Fixed"/> averages plain Pearson r; <see cref="CompatMode.BBScore"/> averages
/// the original's Spearman–Brown value 2r/(1+r). That transform is increasing for r &gt; −1, so with a
/// single target both pick the same count. Averaged over targets they can disagree, because the
/// transform is concave: plain r prefers per-target r of (0.95, 0.15) (mean 0.55) to (0.54, 0.54)
/// (mean 0.54), while 2r/(1+r) averages 0.62 against 0.70 and prefers the second. Negative r widen
/// the gap (2r/(1+r) → −∞ as r → −1). So the compat mode is needed to reproduce the original's choice.
/// </remarks>
public static class PlsValidationScore
{
    /// <summary>Mean per-target score. In <see cref="CompatMode.Fixed"/> targets whose r is undefined
    /// (a constant column) are left out of the mean, NaN when none is defined; in
    /// <see cref="CompatMode.BBScore"/> the plain mean, as NumPy's <c>np.mean</c> takes it.</summary>
    public static double MeanCorrelation(double[,] truth, double[,] predicted, CompatMode compat)
    {
        var scores = Scorers.Pearson(truth, predicted, compat);
        if (scores.Length == 0) throw new ArgumentException("There are no targets to score.", nameof(truth));
        if (compat == CompatMode.BBScore) return scores.Average();
        var defined = scores.Where(s => !double.IsNaN(s)).ToArray();
        return defined.Length == 0 ? double.NaN : defined.Average();
    }
}
