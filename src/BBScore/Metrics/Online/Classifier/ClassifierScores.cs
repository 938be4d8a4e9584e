namespace BBScore.Metrics.Online.Classifier;

/// <summary>The online classifiers' result dictionary (spec §1.15, the original's <c>_calculate_final_scores</c> with
/// prefix "gt_" plus <c>train_and_evaluate</c>'s keys): <c>gt_accuracy</c>, <c>gt_f1_score</c>, <c>preds</c>,
/// <c>gt</c>, <c>best_hyperparams.lr</c>/<c>.wd</c>, <c>best_val_score_during_grid_search</c>, the grid and the best
/// run's training curve. With a ceiling (and <see cref="CompatMode.Fixed"/>), <c>ceiled_gt_accuracy</c> and
/// <c>ceiled_gt_f1_score</c> (÷ mean ceiling) join the unceiled keys and the headline is <c>ceiled_gt_accuracy</c>.
/// Under <see cref="CompatMode.BBScore"/> no ceiled key is written: the original's <c>apply_ceiling</c> skips every key
/// containing "gt", so its classifier scores are never ceiled.</summary>
public static class ClassifierScores
{
    public static ScoreSet Build(ClassifierProblem problem, int[] predicted, ClassifierSettings settings,
                                 IReadOnlyList<ClassifierTrainingRun> runs, ClassifierTrainingRun best)
    {
        var data = problem.Data;
        bool binary = problem.Classes == 2;
        double accuracy = ClassificationScores.Accuracy(problem.TestLabels, predicted);
        double f1 = ClassificationScores.F1(problem.TestLabels, predicted, binary);
        double[]? ceiling = data.Compat == CompatMode.Fixed ? data.Ceiling : null;
        var scores = new ScoreSet(ceiling is null ? "gt_accuracy" : "ceiled_gt_accuracy");
        scores.Add("gt_accuracy", accuracy);
        scores.Add("gt_f1_score", f1);
        if (ceiling is not null)
        {
            double mean = ceiling.Average();
            double divisor = mean == 0 ? 1 : mean; // the original leaves a value unceiled when the ceiling is 0
            scores.Add("ceiled_gt_accuracy", accuracy / divisor);
            scores.Add("ceiled_gt_f1_score", f1 / divisor);
            scores.Add("ceiling_mean", mean);
        }
        scores.Add("preds", predicted.Select(p => (double)p).ToArray());
        scores.Add("gt", problem.TestLabels.Select(p => (double)p).ToArray());
        scores.Add("best_hyperparams.lr", best.LearningRate);
        scores.Add("best_hyperparams.wd", best.WeightDecay);
        scores.Add("best_hyperparams.epoch", best.BestEpoch);
        scores.Add("best_val_score_during_grid_search", best.BestValidationAccuracy);
        scores.AddLabels("best_hyperparams.scheduler", [settings.Scheduler]);
        scores.AddLabels("best_hyperparams.readout", [settings.Readout]);
        scores.Add("num_classes", problem.Classes);
        scores.Add("readout.logits", binary ? 1 : problem.Classes);
        scores.Add("grid.lr", runs.Select(g => g.LearningRate).ToArray());
        scores.Add("grid.wd", runs.Select(g => g.WeightDecay).ToArray());
        scores.Add("grid.best_validation_score", runs.Select(g => g.BestValidationAccuracy).ToArray());
        scores.Add("grid.best_epoch", runs.Select(g => (double)g.BestEpoch).ToArray());
        scores.Add("grid.epochs_trained", runs.Select(g => (double)g.Curve.Count).ToArray());
        scores.Add("grid.decay_started_after_epoch", runs.Select(g => (double)(g.DecayStartedAfterEpoch ?? 0)).ToArray());
        scores.Add("training_curve.loss", best.Curve.Select(e => e.Loss).ToArray());
        scores.Add("training_curve.validation_score", best.Curve.Select(e => e.ValidationAccuracy).ToArray());
        scores.Add("training_curve.learning_rate", best.Curve.Select(e => e.LearningRate).ToArray());
        scores.Add("training_curve.decaying", best.Curve.Select(e => e.Decaying ? 1.0 : 0.0).ToArray());
        scores.Add("training_curve.seconds", best.Curve.Select(e => e.Seconds).ToArray());
        scores.Add("split.train", data.TrainRows.Length);
        scores.Add("split.validation", data.ValidationRows.Length);
        scores.Add("split.test", data.TestRows.Length);
        return scores;
    }
}
