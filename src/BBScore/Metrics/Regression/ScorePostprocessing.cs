using BBScore.Numerics;

namespace BBScore.Metrics.Regression;

/// <summary>
/// The original's standard "final score" aggregation (ridge, pls, one_to_one, ...): for each raw
/// score <c>k</c> of shape folds × targets it adds <c>raw_k</c>, <c>ceiled_k</c> (each target
/// divided by its ceiling), <c>median_unceiled_k</c> and <c>median_ceiled_k</c> (median over
/// targets, per fold), and <c>final_k</c> / <c>final_unceiled_k</c> (mean over folds). The
/// ceiling divides each target before the median, never the median itself.
/// </summary>
/// <remarks>
/// Medians and means skip NaN (numpy's nanmedian / nanmean) where the original's plain median
/// would turn the headline into NaN: a constant target has an undefined Pearson r, and one such
/// voxel should not void the score of thousands. When any target has a NaN raw score in any fold,
/// <c>n_nan_targets</c> says how many targets that is, so skipped targets are never silent.
/// </remarks>
public static class ScorePostprocessing
{
    /// <summary>The headline of every metric that uses this aggregation.</summary>
    public const string HeadlineKey = "final_pearson";

    /// <summary>Ceilings at or below this are raised to it (the original's guard against dividing by ~0).</summary>
    public const double CeilingFloor = 1e-6;

    /// <summary>A test-set fit's weights are stored inline under <c>coef</c> only up to this many
    /// values (16 MB as doubles); larger weight matrices would swell the result JSON to gigabytes,
    /// so only <c>coef_shape</c> (features, targets) is stored for them.</summary>
    public const long MaxInlineCoefValues = 2_000_000;

    /// <summary>Aggregates raw scores, in order, into a score set headed by <paramref name="headlineKey"/>.</summary>
    /// <param name="rawScores">Key (e.g. <c>pearson</c>, <c>r2</c>) and folds × targets scores.</param>
    /// <param name="ceiling">One value per target, one value for all, or null for no ceiling
    /// (then ceiled = unceiled).</param>
    public static ScoreSet Summarize(IReadOnlyList<(string Key, double[,] Raw)> rawScores, double[]? ceiling, string headlineKey = HeadlineKey)
    {
        if (rawScores.Count == 0) throw new ArgumentException("No raw scores to summarize.", nameof(rawScores));
        int targets = rawScores[0].Raw.GetLength(1);
        double[]? floored = ceiling is null ? null : FloorCeiling(ceiling, targets);
        var scores = new ScoreSet(headlineKey);
        foreach (var (key, raw) in rawScores)
        {
            if (raw.GetLength(1) != targets)
                throw new ArgumentException($"Raw score '{key}' has {raw.GetLength(1)} targets but '{rawScores[0].Key}' has {targets}.");
            AddSummary(scores, key, raw, floored);
        }
        int nanTargets = CountNanTargets(rawScores.Select(s => s.Raw), targets);
        if (nanTargets > 0) scores.Add("n_nan_targets", nanTargets);
        return scores;
    }

    /// <summary>Adds the six keys for one raw score. <paramref name="flooredCeiling"/> must come
    /// from <see cref="FloorCeiling"/> (or be null).</summary>
    public static void AddSummary(ScoreSet scores, string key, double[,] raw, double[]? flooredCeiling)
    {
        int folds = raw.GetLength(0), targets = raw.GetLength(1);
        if (flooredCeiling is not null && flooredCeiling.Length != targets)
            throw new ArgumentException($"The ceiling has {flooredCeiling.Length} values for {targets} targets.", nameof(flooredCeiling));
        var ceiled = new double[folds, targets];
        var medianUnceiled = new double[folds];
        var medianCeiled = new double[folds];
        var row = new double[targets];
        var ceiledRow = new double[targets];
        for (int f = 0; f < folds; f++)
        {
            for (int t = 0; t < targets; t++)
            {
                row[t] = raw[f, t];
                ceiledRow[t] = ceiled[f, t] = flooredCeiling is null ? raw[f, t] : raw[f, t] / flooredCeiling[t];
            }
            medianUnceiled[f] = NanStatistics.Median(row);
            medianCeiled[f] = NanStatistics.Median(ceiledRow);
        }
        scores.Add($"raw_{key}", raw);
        scores.Add($"ceiled_{key}", ceiled);
        scores.Add($"median_unceiled_{key}", medianUnceiled);
        scores.Add($"median_ceiled_{key}", medianCeiled);
        scores.Add($"final_{key}", NanStatistics.Mean(medianCeiled));
        scores.Add($"final_unceiled_{key}", NanStatistics.Mean(medianUnceiled));
    }

    /// <summary>The ceiling per target with values ≤ 1e-6 raised to 1e-6; a single value applies to
    /// every target (NumPy broadcasting). NaN stays NaN, so that target's ceiled score is skipped.</summary>
    public static double[] FloorCeiling(double[] ceiling, int targets)
    {
        if (ceiling.Length != targets && ceiling.Length != 1)
            throw new ArgumentException(
                $"The ceiling has {ceiling.Length} values but there are {targets} targets; give one ceiling per target (or a single value for all).");
        var floored = new double[targets];
        for (int t = 0; t < targets; t++)
        {
            double value = ceiling[ceiling.Length == 1 ? 0 : t];
            floored[t] = value <= CeilingFloor ? CeilingFloor : value;
        }
        return floored;
    }

    /// <summary>The test-set pass-through keys of a linear fit: <c>coef</c> (features × targets,
    /// or <c>coef_shape</c> when it exceeds <see cref="MaxInlineCoefValues"/>), <c>intercept</c>,
    /// and <c>alpha</c> when the fit chose one.</summary>
    public static void AddLinearFit(ScoreSet scores, ILinearFit fit)
    {
        long values = (long)fit.Features * fit.Targets;
        if (values <= MaxInlineCoefValues && fit.Coef.Length == values)
            scores.Add("coef", new ScoreValue(Array.ConvertAll(fit.Coef, v => (double)v), [fit.Features, fit.Targets]));
        else
            scores.Add("coef_shape", new double[] { fit.Features, fit.Targets });
        scores.Add("intercept", fit.Intercept);
        if (fit.Alpha is not null) scores.Add("alpha", fit.Alpha);
    }

    static int CountNanTargets(IEnumerable<double[,]> raws, int targets)
    {
        var hasNan = new bool[targets];
        foreach (var raw in raws)
            for (int f = 0; f < raw.GetLength(0); f++)
                for (int t = 0; t < targets; t++)
                    if (double.IsNaN(raw[f, t])) hasNan[t] = true;
        return hasNan.Count(b => b);
    }
}
