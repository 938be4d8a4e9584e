using BBScore.Metrics.Regression;
using BBScore.Numerics;

namespace BBScore.Metrics.Similarity.Matching;

/// <summary>
/// The runner of the model-free matching metrics (the original's <c>run_kfold_cv</c> with a None model):
/// nothing is fitted, so each fold is scored on its validation rows only, from the correlations between
/// source and target units there. Folds are <see cref="RegressionEvaluation.MakeFolds"/>'s (10-fold
/// KFold seeded by <see cref="MetricInputs.Seed"/>, stratified or grouped like the regression metrics);
/// with a test set the score is computed once on the test rows. Raw shape (folds,) or (1,). Error bars:
/// <see cref="MatchingUncertainty"/>.
/// </summary>
internal static class MatchingEvaluation
{
    /// <summary>Fewer rows than this leave every correlation undefined; such a fold scores NaN.</summary>
    const int MinimumRows = 2;

    public static ScoreSet Evaluate(MetricInputs inputs, MetricOptions options,
        Func<double[,], double[]?, MatchingScore> scoreCorrelations)
    {
        var regression = RegressionOptions.Default with { Progress = options.Progress };
        RegressionInputValidator.Validate(inputs, regression);
        int targets = inputs.TrainTargets.GetLength(1);
        double[]? ceiling = inputs.Ceiling is null ? null : ScorePostprocessing.FloorCeiling(inputs.Ceiling, targets);

        MatchingFold ScoreRows(FeatureMatrix features, double[,] targetRows) => new(features, targetRows,
            features.Rows < MinimumRows ? MatchingScore.Undefined : scoreCorrelations(UnitCorrelations.Compute(features, targetRows), ceiling));

        MatchingFold[] scored;
        if (inputs.TestFeatures is not null && inputs.TestTargets is not null)
        {
            scored = [ScoreRows(FeatureMatrix.From(inputs.TestFeatures), inputs.TestTargets)];
        }
        else
        {
            var features = FeatureMatrix.From(inputs.TrainFeatures);
            var folds = RegressionEvaluation.MakeFolds(inputs, regression);
            scored = new MatchingFold[folds.Count];
            options.Progress.Track("folds", folds.Count, advance =>
            {
                for (int f = 0; f < folds.Count; f++)
                {
                    var test = folds[f].Test;
                    scored[f] = ScoreRows(features.SelectRows(test), TargetRows.Select(inputs.TrainTargets, test));
                    advance(f + 1);
                }
                return 0;
            });
            if (scored.Any(s => double.IsNaN(s.Score.Raw)))
                options.Progress.Warn($"Some folds have fewer than {MinimumRows} validation rows, so no correlation is defined there; their score is NaN and skipped in the means.");
        }
        var scores = FoldScoreSummary.Summarize("pearson", scored.Select(s => s.Score).ToArray());
        MatchingUncertainty.Add(scores, scored, ceiling, options.Bootstrap, inputs.Seed);
        return scores;
    }
}
