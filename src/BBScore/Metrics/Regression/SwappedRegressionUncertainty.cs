using BBScore.Numerics;
using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Regression;

/// <summary>The error bars of the metrics that regress brain → features: <c>inverse_ridge</c> (its final scores are
/// the unceiled median over feature dimensions, mean over folds) and <c>bidirectional</c> (per fold the mean of the
/// forward, ceiled, and backward medians). Each fold's held-out stimuli are drawn with replacement with the fitted
/// predictions fixed, through <see cref="RegressionBootstrap"/>; both directions of <c>bidirectional</c> cross-validate
/// on the same folds and get the same draws (resamplers with the same seed and groups), so a resample is one set of
/// drawn stimuli for both.</summary>
public static class SwappedRegressionUncertainty
{
    public static void AddInverse(ScoreSet scores, IReadOnlyList<HeldOutPredictions> heldOut, MetricInputs inputs, int resamples, CancellationToken cancel = default)
    {
        string[] keys = ["final_pearson", "final_r2"];
        if (RegressionUncertainty.WhyNot(heldOut, resamples) is { } whyNot)
        {
            foreach (string key in keys) ScoreUncertainty.Skip(scores, key, whyNot);
            return;
        }
        var samples = RegressionBootstrap.Sample(heldOut, null, inputs.Compat == CompatMode.BBScore, Draws(heldOut, inputs, resamples), cancel);
        string why = RegressionUncertainty.WhyEmpty(heldOut);
        ScoreUncertainty.Add(scores, "final_pearson", samples.UnceiledPearson, why);
        ScoreUncertainty.Add(scores, "final_r2", samples.UnceiledR2, why);
        ScoreUncertainty.KeepHeadlineSamples(scores, "final_pearson", samples.UnceiledPearson);
        RegressionUncertainty.Describe(scores, heldOut, resamples, inputs.Seed);
    }

    /// <param name="flooredCeiling">The forward (brain) targets' ceiling, floored; null for none.</param>
    public static void AddBidirectional(ScoreSet scores, IReadOnlyList<HeldOutPredictions> forward, IReadOnlyList<HeldOutPredictions> backward,
        double[]? flooredCeiling, MetricInputs inputs, int resamples, CancellationToken cancel = default)
    {
        string[] keys = ["final_pearson", "final_unceiled_pearson", "final_forward_pearson", "final_backward_pearson",
                         "final_r2", "final_unceiled_r2", "final_forward_r2", "final_backward_r2"];
        if (RegressionUncertainty.WhyNot(forward, resamples) is { } whyNot)
        {
            foreach (string key in keys) ScoreUncertainty.Skip(scores, key, whyNot);
            return;
        }
        if (!forward.Select(h => h.Rows).SequenceEqual(backward.Select(h => h.Rows)))
            throw new ArgumentException("bidirectional's two directions were not cross-validated on the same folds");
        bool spearmanBrown = inputs.Compat == CompatMode.BBScore;
        var ahead = RegressionBootstrap.SamplePerGroup(forward, flooredCeiling, spearmanBrown, Draws(forward, inputs, resamples), cancel);
        var back = RegressionBootstrap.SamplePerGroup(backward, null, spearmanBrown, Draws(backward, inputs, resamples), cancel);
        string why = RegressionUncertainty.WhyEmpty(forward);
        var headline = MeanOfDirections(ahead.Pearson, back.UnceiledPearson);
        ScoreUncertainty.Add(scores, "final_pearson", headline, why);
        ScoreUncertainty.Add(scores, "final_unceiled_pearson", MeanOfDirections(ahead.UnceiledPearson, back.UnceiledPearson), why);
        ScoreUncertainty.Add(scores, "final_forward_pearson", RegressionBootstrap.MeanOverGroups(ahead.Pearson), why);
        ScoreUncertainty.Add(scores, "final_backward_pearson", RegressionBootstrap.MeanOverGroups(back.UnceiledPearson), why);
        ScoreUncertainty.Add(scores, "final_r2", MeanOfDirections(ahead.R2, back.UnceiledR2), why);
        ScoreUncertainty.Add(scores, "final_unceiled_r2", MeanOfDirections(ahead.UnceiledR2, back.UnceiledR2), why);
        ScoreUncertainty.Add(scores, "final_forward_r2", RegressionBootstrap.MeanOverGroups(ahead.R2), why);
        ScoreUncertainty.Add(scores, "final_backward_r2", RegressionBootstrap.MeanOverGroups(back.UnceiledR2), why);
        ScoreUncertainty.KeepHeadlineSamples(scores, "final_pearson", headline);
        RegressionUncertainty.Describe(scores, forward, resamples, inputs.Seed);
    }

    static SeededResampler Draws(IReadOnlyList<HeldOutPredictions> heldOut, MetricInputs inputs, int resamples) =>
        new(resamples, inputs.Seed, heldOut.Select(h => h.Rows).ToList());

    /// <summary>Per resample: the mean over folds of each fold's mean of the two directions, NaN skipped at both
    /// levels, as the score is taken.</summary>
    static double[] MeanOfDirections(double[,] forward, double[,] backward)
    {
        int folds = forward.GetLength(0), resamples = forward.GetLength(1);
        var perFold = new double[folds, resamples];
        for (int f = 0; f < folds; f++)
            for (int b = 0; b < resamples; b++)
                perFold[f, b] = NanStatistics.Mean([forward[f, b], backward[f, b]]);
        return RegressionBootstrap.MeanOverGroups(perFold);
    }
}
