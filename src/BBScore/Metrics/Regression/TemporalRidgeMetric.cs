using BBScore.Numerics;
using BBScore.Numerics.Ridge;

namespace BBScore.Metrics.Regression;

/// <summary>The original's <c>temporal_ridge</c>: targets are (stimuli, units, time bins); one
/// RidgeCV (per-target alpha) maps features to every (unit, bin) column, and scores are summarised
/// per time bin: the median over units per fold, then the mean over folds, so <c>final_pearson</c>
/// is a vector with one value per bin. Raw arrays keep the fold axis in test-set mode too
/// ((1, units, bins) where the original drops it), so every mode has the same shapes. The scalar
/// headline <c>mean_final_pearson</c> is the mean over bins (an addition); its error bar:
/// <see cref="TemporalRidgeUncertainty"/>.</summary>
public sealed class TemporalRidgeMetric(MetricOptions options) : IMetric
{
    public string Key => "temporal_ridge";

    public ScoreSet Score(MetricInputs inputs)
    {
        if (inputs.TargetUnitShape is not [int units, int bins])
            throw new ArgumentException("temporal_ridge needs targets of shape (stimuli, units, time bins); these targets have no time axis. Use 'ridge' for (stimuli, targets).");
        var regressor = new RidgeCvRegressor(RidgeAlphas.Default, alphaPerTarget: true, options.SubsampleFeaturesForAlpha, inputs.Seed);
        double[]? ceiling = inputs.Ceiling is null ? null : ExpandCeiling(inputs.Ceiling, units, bins);
        var raw = RegressionEvaluation.EvaluateRaw(regressor, inputs with { Ceiling = ceiling }, RegressionOptions.Default with { Progress = options.Progress });
        var scores = new ScoreSet("mean_final_pearson");
        foreach (var (key, values) in new[] { ("pearson", raw.Pearson), ("r2", raw.R2) })
            TemporalScorePostprocessing.Add(scores, key, values, units, bins, ceiling);
        scores.Add("mean_final_pearson", NanStatistics.Mean(scores["final_pearson"].Data));
        scores.Add("mean_final_unceiled_pearson", NanStatistics.Mean(scores["final_unceiled_pearson"].Data));
        TemporalRidgeUncertainty.Add(scores, raw.HeldOut, ceiling, units, bins, inputs, options.Bootstrap);
        return scores;
    }

    /// <summary>A ceiling per unit applies to all its bins; one per (unit, bin) is used as is.</summary>
    static double[] ExpandCeiling(double[] ceiling, int units, int bins)
    {
        if (ceiling.Length == units * bins) return ceiling;
        if (ceiling.Length == units)
        {
            var expanded = new double[units * bins];
            for (int u = 0; u < units; u++)
                for (int b = 0; b < bins; b++) expanded[u * bins + b] = ceiling[u];
            return expanded;
        }
        if (ceiling.Length == 1) return Enumerable.Repeat(ceiling[0], units * bins).ToArray();
        throw new ArgumentException($"The ceiling has {ceiling.Length} values; temporal_ridge needs one per unit ({units}) or per unit and bin ({units * bins}).");
    }
}
