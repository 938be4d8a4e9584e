namespace BBScore.Metrics.Online.Regressor;

/// <summary>The online regressor's result dictionary (spec §1.18 step 8, the original's <c>_calculate_final_scores</c>),
/// the chosen hyper-parameters and the training curves, and the ceiled keys beside the unceiled ones.</summary>
public static class RegressorScores
{
    public static ScoreSet Build(PredictionAccumulator test, (double[,] Predictions, double[,] Targets) kept, Streams.OnlineData data,
                                 RegressorSettings settings, IReadOnlyList<RegressorTrainingRun> runs, RegressorTrainingRun best)
    {
        int outputs = kept.Predictions.GetLength(1);
        bool multi = outputs > 1;
        double[] r = test.Pearson(data.Compat), r2 = test.R2();
        var scalars = new List<(string Key, double Value)> { ("mse", test.Mse()), ("r2_score_uniform", r2.Average()), ("r2_score_weighted", test.R2VarianceWeighted()) };
        if (multi)
        {
            scalars.Add(("pearson_corr_mean", r.Average()));
            scalars.Add(("pearson_corr_median", Numerics.NanStatistics.Median(r)));
            scalars.Add(("r2_mean_score", r2.Average()));
            scalars.Add(("r2_median_score", Numerics.NanStatistics.Median(r2)));
        }
        else
        {
            scalars.Add(("pearson_corr", r[0]));
            scalars.Add(("r2_score", r2[0]));
        }
        string headline = multi ? "pearson_corr_median" : "pearson_corr";
        double[]? ceiling = data.Ceiling;
        var scores = new ScoreSet(ceiling is null ? headline : "ceiled_" + headline);
        foreach (var (key, value) in scalars) scores.Add(key, value);
        if (multi) scores.Add("pearson_corr_raw", r);
        if (ceiling is not null)
        {
            double mean = ceiling.Average();
            foreach (var (key, value) in scalars) scores.Add("ceiled_" + key, value / mean);
            if (multi) scores.Add("ceiled_pearson_corr_raw", r.Select((v, i) => v / ceiling[ceiling.Length == 1 ? 0 : i]).ToArray());
            scores.Add("ceiling_mean", mean);
        }
        scores.Add("preds", kept.Predictions);
        scores.Add("gt", kept.Targets);
        scores.Add("best_hyperparams.lr", best.LearningRate);
        scores.Add("best_hyperparams.wd", best.WeightDecay);
        scores.Add("best_hyperparams.epoch", best.BestEpoch);
        scores.Add("best_val_score_during_grid_search", best.BestValidationScore);
        scores.AddLabels("best_hyperparams.scheduler", [settings.Scheduler]);
        scores.AddLabels("best_hyperparams.loss", [settings.Loss]);
        scores.Add("grid.lr", runs.Select(g => g.LearningRate).ToArray());
        scores.Add("grid.wd", runs.Select(g => g.WeightDecay).ToArray());
        scores.Add("grid.best_validation_score", runs.Select(g => g.BestValidationScore).ToArray());
        scores.Add("grid.epochs_trained", runs.Select(g => (double)g.Curve.Count).ToArray());
        scores.Add("training_curve.loss", best.Curve.Select(e => e.Loss).ToArray());
        scores.Add("training_curve.validation_score", best.Curve.Select(e => e.ValidationScore).ToArray());
        scores.Add("training_curve.learning_rate", best.Curve.Select(e => e.LearningRate).ToArray());
        scores.Add("training_curve.seconds", best.Curve.Select(e => e.Seconds).ToArray());
        scores.Add("split.train", data.TrainRows.Length);
        scores.Add("split.validation", data.ValidationRows.Length);
        scores.Add("split.test", data.TestRows.Length);
        return scores;
    }
}
