using BBScore.Numerics;
using BBScore.Numerics.Ridge;

namespace BBScore.Metrics.Regression;

/// <summary>The original's <c>bidirectional</c>, working (the original cannot be constructed):
/// RidgeCV (per-target alpha) maps features → brain (forward) and brain → features (backward) on
/// the same folds. Per fold and direction the score is the nan-aware median over that direction's
/// targets; the ceiling divides the forward (brain) targets only. Keys per score k:
/// <c>raw_k</c> and <c>ceiled_k</c> (folds, 2: forward, backward), <c>median_unceiled_k</c> and
/// <c>median_ceiled_k</c> (folds; mean of the two directions), <c>final_k</c>,
/// <c>final_unceiled_k</c> (means over folds), and <c>final_forward_k</c>, <c>final_backward_k</c>.</summary>
public sealed class BidirectionalMetric(MetricOptions options) : IMetric
{
    public string Key => "bidirectional";

    public ScoreSet Score(MetricInputs inputs)
    {
        var regressor = new RidgeCvRegressor(RidgeAlphas.Default, alphaPerTarget: true, options.SubsampleFeaturesForAlpha, inputs.Seed);
        var regression = RegressionOptions.Default with { Progress = options.Progress };
        var forward = RegressionEvaluation.EvaluateRaw(regressor, inputs, regression);
        var backward = RegressionEvaluation.EvaluateRaw(regressor, SwappedInputs.From(inputs), regression);
        double[]? ceiling = inputs.Ceiling is null ? null : ScorePostprocessing.FloorCeiling(inputs.Ceiling, inputs.TrainTargets.GetLength(1));

        var scores = new ScoreSet("final_pearson");
        Add(scores, "pearson", forward.Pearson, backward.Pearson, ceiling);
        Add(scores, "r2", forward.R2, backward.R2, ceiling);
        SwappedRegressionUncertainty.AddBidirectional(scores, forward.HeldOut, backward.HeldOut, ceiling, inputs, options.Bootstrap);
        return scores;
    }

    static void Add(ScoreSet scores, string key, double[,] forward, double[,] backward, double[]? ceiling)
    {
        int folds = forward.GetLength(0);
        var forwardMedian = InverseRidgeMetric.RowMedians(forward);
        var forwardCeiledMedian = ceiling is null ? forwardMedian : InverseRidgeMetric.RowMedians(Divide(forward, ceiling));
        var backwardMedian = InverseRidgeMetric.RowMedians(backward);
        var raw = new double[folds, 2];
        var ceiled = new double[folds, 2];
        var medianUnceiled = new double[folds];
        var medianCeiled = new double[folds];
        for (int f = 0; f < folds; f++)
        {
            raw[f, 0] = forwardMedian[f];
            raw[f, 1] = backwardMedian[f];
            ceiled[f, 0] = forwardCeiledMedian[f];
            ceiled[f, 1] = backwardMedian[f];
            medianUnceiled[f] = NanStatistics.Mean([raw[f, 0], raw[f, 1]]);
            medianCeiled[f] = NanStatistics.Mean([ceiled[f, 0], ceiled[f, 1]]);
        }
        scores.Add("raw_" + key, raw);
        scores.Add("ceiled_" + key, ceiled);
        scores.Add("median_unceiled_" + key, medianUnceiled);
        scores.Add("median_ceiled_" + key, medianCeiled);
        scores.Add("final_" + key, NanStatistics.Mean(medianCeiled));
        scores.Add("final_unceiled_" + key, NanStatistics.Mean(medianUnceiled));
        scores.Add("final_forward_" + key, NanStatistics.Mean(forwardCeiledMedian));
        scores.Add("final_backward_" + key, NanStatistics.Mean(backwardMedian));
    }

    static double[,] Divide(double[,] scores, double[] ceiling)
    {
        var result = (double[,])scores.Clone();
        for (int f = 0; f < result.GetLength(0); f++)
            for (int t = 0; t < result.GetLength(1); t++) result[f, t] /= ceiling[t];
        return result;
    }
}
