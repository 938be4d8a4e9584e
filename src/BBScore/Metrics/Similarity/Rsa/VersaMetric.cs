using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.Correlation;
using BBScore.Numerics.Rdm;
using BBScore.Numerics.Ridge;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>
/// The original's <c>versa</c> (voxel-encoding RSA): per outer fold (the regression metrics' 10 seeded folds, or
/// one fit on the training set scored on the test set) a ridge with one alpha from [0.1, 1, 10] chosen by
/// <see cref="VersaAlphaSelection"/> maps features to targets, predicts the held-out stimuli, and the fold's
/// score is the plain Pearson r between the correlation-distance RDMs of the predictions and of the measured
/// held-out targets. Raw scores (folds,) then go through the standard post-processing: <c>raw_pearson</c>,
/// <c>ceiled_pearson</c>, <c>median_*</c>, <c>final_pearson</c> (headline), <c>final_unceiled_pearson</c>;
/// <c>alpha</c> holds the alpha chosen per fold. Error bars: <see cref="VersaUncertainty"/>.
/// </summary>
/// <remarks>
/// Fixes (DECISIONS): features are flattened per stimulus (the original fails on 3-D features). A per-target
/// ceiling (which the original broadcasts against the per-fold scores, crashing or dividing fold i by target i's
/// ceiling) is reduced to one number, its median over targets (NaN skipped): a versa score describes all targets
/// at once, and the median is the same robust summary the other metrics' headline uses across targets.
/// </remarks>
public sealed class VersaMetric(MetricOptions options) : IMetric
{
    public static IReadOnlyList<double> Alphas { get; } = [0.1, 1.0, 10.0];

    public string Key => "versa";

    public ScoreSet Score(MetricInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var features = FeatureMatrix.From(inputs.TrainFeatures);
        if (inputs.TrainTargets.GetLength(0) != features.Rows)
            throw new ArgumentException($"versa: the features cover {features.Rows} stimuli but the targets {inputs.TrainTargets.GetLength(0)}.");
        double[] raw;
        double[] alphas;
        VersaFoldRdms[] rdms;
        if (inputs.TestFeatures is not null)
        {
            var testTargets = inputs.TestTargets ?? throw new ArgumentException("versa: test features were given without test targets.");
            var (score, alpha, fold) = ScoreFold(features, inputs.TrainTargets, FeatureMatrix.From(inputs.TestFeatures), testTargets, inputs.Seed);
            (raw, alphas, rdms) = ([score], [alpha], [fold]);
        }
        else
        {
            var folds = RegressionEvaluation.MakeFolds(inputs, RegressionOptions.Default with { Progress = options.Progress });
            raw = new double[folds.Count];
            alphas = new double[folds.Count];
            rdms = new VersaFoldRdms[folds.Count];
            options.Progress.Track("folds", folds.Count, advance =>
            {
                for (int f = 0; f < folds.Count; f++)
                {
                    var fold = folds[f];
                    (raw[f], alphas[f], rdms[f]) = ScoreFold(features.SelectRows(fold.Train), TargetRows.Select(inputs.TrainTargets, fold.Train),
                        features.SelectRows(fold.Test), TargetRows.Select(inputs.TrainTargets, fold.Test), inputs.Seed);
                    advance(f + 1);
                }
                return 0;
            });
        }
        double[]? scalarCeiling = inputs.Ceiling is null ? null : [NanStatistics.Median(inputs.Ceiling)];
        var scores = Summarize(raw, scalarCeiling);
        scores.Add("alpha", alphas);
        VersaUncertainty.Add(scores, rdms, scalarCeiling is null ? null : ScorePostprocessing.FloorCeiling(scalarCeiling, 1)[0], options.Bootstrap, inputs.Seed);
        return scores;
    }

    static (double Score, double Alpha, VersaFoldRdms Rdms) ScoreFold(FeatureMatrix trainX, double[,] trainY, FeatureMatrix testX, double[,] testY, int seed)
    {
        if (testX.Rows < CondensedRdm.MinStimuli)
            throw new ArgumentException(
                $"versa compares RDMs of the held-out stimuli, which need at least {CondensedRdm.MinStimuli}; a held-out set has {testX.Rows} " +
                $"(with 10 folds give at least {10 * CondensedRdm.MinStimuli} stimuli).");
        double alpha = VersaAlphaSelection.Choose(trainX, trainY, Alphas, seed);
        var predicted = RidgeSolver.FitFixed(trainX, trainY, alpha).Predict(testX);
        var rdms = new VersaFoldRdms(DissimilarityMatrix.Condensed(predicted), DissimilarityMatrix.Condensed(testY), testX.Rows);
        return (VectorComparison.Compare(VectorComparisonMethod.Corr, rdms.Predicted, rdms.Measured), alpha, rdms);
    }

    /// <summary>The standard post-processing of one score per fold, with per-fold arrays of shape (folds,).</summary>
    static ScoreSet Summarize(double[] raw, double[]? scalarCeiling)
    {
        var column = new double[raw.Length, 1];
        for (int f = 0; f < raw.Length; f++) column[f, 0] = raw[f];
        var summary = ScorePostprocessing.Summarize([("pearson", column)], scalarCeiling);
        var scores = new ScoreSet(summary.HeadlineKey);
        foreach (var (key, value) in summary)
            scores.Add(key, value.Shape is [int folds, 1] ? new ScoreValue(value.Data, [folds]) : value);
        return scores;
    }
}
