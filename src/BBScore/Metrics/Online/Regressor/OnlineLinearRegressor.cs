using BBScore.Metrics.Online.Streams;
using BBScore.Numerics;
using BBScore.Numerics.CrossValidation;
using BBScore.Progress;

namespace BBScore.Metrics.Online.Regressor;

/// <summary><c>online_linear_regressor</c> (spec §1.18): a linear read-out from features to every target, trained by plain
/// SGD with an explicit L2 term over the lr × wd grid on standardised streams; the grid point with the best validation
/// median r is re-evaluated on the test rows. Outputs carry the original's keys (<c>mse</c>, <c>r2_score_uniform</c>,
/// <c>pearson_corr_median</c>, ...); with a ceiling, each scalar also appears as <c>ceiled_&lt;key&gt;</c> (÷ mean ceiling)
/// beside the unceiled one (DECISIONS.md), and <c>ceiled_pearson_corr_raw</c> divides each target's r by its own ceiling.
/// Memory: two batches of features and the read-out's weights (twice, for the best epoch), whatever the data size.</summary>
public sealed class OnlineLinearRegressor(RegressorSettings settings, IProgressSink progress, int bootstrap = ScoreUncertainty.DefaultResamples) : IOnlineMetric
{
    public const string MetricKey = "online_linear_regressor";

    public string Key => MetricKey;

    public RegressorSettings Settings => settings;

    public ScoreSet Score(MetricInputs inputs) => Score(OnlineInputs.From(inputs));

    public ScoreSet Score(OnlineData data) => Score(data, CancellationToken.None);

    public ScoreSet Score(OnlineData data, CancellationToken cancel)
    {
        settings.Validate();
        data.Validate();
        var device = OnlineDevice.Resolve(settings.Device);
        int batch = Math.Min(settings.BatchSize, data.TrainRows.Length);
        if (batch < 2) throw new ArgumentException($"The online regressor needs at least 2 training rows; the split left {data.TrainRows.Length}.");
        progress.Info($"{MetricKey}: {data.TrainRows.Length} train / {data.ValidationRows.Length} validation / {data.TestRows.Length} test rows, " +
                      $"{data.TrainFeatures.RowLength:N0} features -> {data.TrainTargets.RowLength:N0} targets; memory: one batch of {batch} rows at a time" +
                      (data.TestIsHeldOut ? "; no test set given: a seeded tenth of the rows is held out as the test set" : ""));
        var batches = StandardisedBatches.Measure(data.TrainFeatures, data.TrainTargets, data.TrainRows, Math.Max(batch, 256));
        var init = new SeededRandom(data.Seed);
        var runs = new List<RegressorTrainingRun>();
        foreach (double lr in settings.LearningRates)
            foreach (double wd in settings.WeightDecays)
                runs.Add(RegressorTrainingRun.Train(batches, data, settings, lr, wd, init, device, progress, cancel));
        var best = runs.First(r => r.BestValidationScore == runs.Max(b => b.BestValidationScore));
        progress.Info($"{MetricKey}: best lr {HyperparameterText.Of(best.LearningRate)} wd {HyperparameterText.Of(best.WeightDecay)} " +
                      $"(validation median r {best.BestValidationScore:F4} at epoch {best.BestEpoch})");

        using var readout = new LinearReadoutStep(best.BestState!.Value.Weight, best.BestState.Value.Bias, batches.Inputs, settings.Loss, settings.CorrelationWeight, device);
        int outputs = batches.Outputs;
        var kept = (new double[data.TestRows.Length, outputs], new double[data.TestRows.Length, outputs]);
        var test = RegressorTrainingRun.Predict(readout, batches, data.TestFeatures, data.TestTargets, data.TestRows, batch, kept);
        var scores = RegressorScores.Build(test, kept, data, settings, runs, best);
        OnlineUncertainty.AddRegressor(scores, kept.Item1, kept.Item2, data.Compat == CompatMode.BBScore, bootstrap, data.Seed);
        return scores;
    }
}
