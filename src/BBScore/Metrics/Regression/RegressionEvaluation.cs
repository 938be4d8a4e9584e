using BBScore.Numerics;
using BBScore.Numerics.CrossValidation;
using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Regression;

/// <summary>
/// The generic regression-metric runner (the original's <c>run_kfold_cv</c> / <c>run_eval</c>
/// plus the standard post-processing): features are flattened to (stimuli, values); without a
/// test set the regressor is fitted and scored on 10 cross-validation folds of the training set
/// (KFold seeded by <see cref="MetricInputs.Seed"/>; StratifiedKFold when stratification labels
/// are given; GroupKFold when <see cref="MetricInputs.Groups"/> are), giving raw Pearson and
/// R² arrays of shape (folds, targets); with a test set it is fitted once on the training set and
/// scored on the test set, shape (1, targets), and a linear fit's weights are added (stratification
/// labels and groups only shape folds, so a test set ignores them, as the original's run_eval
/// does). Pearson follows <see cref="MetricInputs.Compat"/> (see <see cref="Scorers.Pearson"/>).
/// </summary>
public static class RegressionEvaluation
{
    public static ScoreSet Evaluate(IRegressor regressor, MetricInputs inputs, CancellationToken cancel = default) =>
        Evaluate(regressor, inputs, RegressionOptions.Default, cancel);

    public static ScoreSet Evaluate(IRegressor regressor, MetricInputs inputs, RegressionOptions options, CancellationToken cancel = default)
    {
        var raw = EvaluateRaw(regressor, inputs, options, cancel);
        var scores = ScorePostprocessing.Summarize([("pearson", raw.Pearson), ("r2", raw.R2)], inputs.Ceiling);
        if (raw.TestFit is { } linear) ScorePostprocessing.AddLinearFit(scores, linear);
        RegressionUncertainty.Add(scores, raw.HeldOut, inputs, options.Bootstrap, cancel);
        return scores;
    }

    /// <summary>The raw per-target scores, (folds, targets) or (1, targets) with a test set, before
    /// post-processing: for metrics that summarise differently (e.g. per time bin).</summary>
    public static RawRegressionScores EvaluateRaw(IRegressor regressor, MetricInputs inputs, RegressionOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(regressor);
        RegressionInputValidator.Validate(inputs, options);
        var features = FeatureMatrix.From(inputs.TrainFeatures);

        if (inputs.TestFeatures is not null && inputs.TestTargets is not null)
        {
            var fit = regressor.Fit(features, inputs.TrainTargets, cancel);
            var (pearson, r2, heldOut) = ScoreOnce(fit, FeatureMatrix.From(inputs.TestFeatures), inputs.TestTargets, inputs.Compat);
            return new RawRegressionScores(ToRow(pearson), ToRow(r2), fit as ILinearFit, [heldOut]);
        }

        var folds = MakeFolds(inputs, options);
        var (rawPearson, rawR2, heldOutFolds) = CrossValidate(regressor, features, inputs.TrainTargets, folds, inputs.Compat, options, cancel);
        return new RawRegressionScores(rawPearson, rawR2, null, heldOutFolds);
    }

    /// <summary>The folds <see cref="Evaluate"/> uses for these inputs (other metrics that
    /// cross-validate the same data should use the same folds).</summary>
    public static IReadOnlyList<Fold> MakeFolds(MetricInputs inputs, RegressionOptions options)
    {
        int rows = inputs.TrainFeatures.Rows;
        if (inputs.Groups is { } groups) return new GroupKFoldSplitter(options.Folds).Split(groups);
        if (inputs.StratifyLabels is { } labels)
            return new StratifiedKFoldSplitter(options.Folds, shuffle: true, inputs.Seed).Split(labels, options.Progress.Warn);
        return new KFoldSplitter(options.Folds, shuffle: true, inputs.Seed).Split(rows);
    }

    static (double[,] Pearson, double[,] R2, IReadOnlyList<HeldOutPredictions> HeldOut) CrossValidate(IRegressor regressor, FeatureMatrix features, double[,] targets,
        IReadOnlyList<Fold> folds, CompatMode compat, RegressionOptions options, CancellationToken cancel)
    {
        int targetCount = targets.GetLength(1);
        var pearson = new double[folds.Count, targetCount];
        var r2 = new double[folds.Count, targetCount];
        var heldOut = new HeldOutPredictions[folds.Count];
        options.Progress.Track("folds", folds.Count, advance =>
        {
            for (int f = 0; f < folds.Count; f++)
            {
                cancel.ThrowIfCancellationRequested();
                var fold = folds[f];
                var fit = regressor.Fit(features.SelectRows(fold.Train), TargetRows.Select(targets, fold.Train), cancel);
                var (foldPearson, foldR2, foldHeldOut) = ScoreOnce(fit, features.SelectRows(fold.Test), TargetRows.Select(targets, fold.Test), compat);
                heldOut[f] = foldHeldOut;
                for (int t = 0; t < targetCount; t++)
                {
                    pearson[f, t] = foldPearson[t];
                    r2[f, t] = foldR2[t];
                }
                advance(f + 1);
            }
            return 0;
        });
        return (pearson, r2, heldOut);
    }

    static (double[] Pearson, double[] R2, HeldOutPredictions HeldOut) ScoreOnce(IFittedRegressor fit, FeatureMatrix features, double[,] targets, CompatMode compat)
    {
        double[,] predicted = fit.Predict(features);
        if (predicted.GetLength(0) != targets.GetLength(0) || predicted.GetLength(1) != targets.GetLength(1))
            throw new InvalidOperationException(
                $"The regressor predicted {predicted.GetLength(0)}x{predicted.GetLength(1)} values for " +
                $"{targets.GetLength(0)}x{targets.GetLength(1)} targets.");
        return (Scorers.Pearson(targets, predicted, compat), Scorers.R2(targets, predicted), new HeldOutPredictions(targets, predicted));
    }


    static double[,] ToRow(double[] values)
    {
        var row = new double[1, values.Length];
        for (int t = 0; t < values.Length; t++) row[0, t] = values[t];
        return row;
    }
}

/// <param name="Pearson">Per-target Pearson r, (folds, targets).</param>
/// <param name="R2">Per-target R², (folds, targets).</param>
/// <param name="TestFit">The fit on the training set when a test set was scored and the model is linear.</param>
/// <param name="HeldOut">Each fold's (or the test set's) held-out targets and predictions, for the bootstrap.</param>
public sealed record RawRegressionScores(double[,] Pearson, double[,] R2, ILinearFit? TestFit, IReadOnlyList<HeldOutPredictions> HeldOut);
