using System.Diagnostics;
using BBScore.Metrics.Online.Schedules;
using BBScore.Metrics.Online.Streams;
using BBScore.Numerics.CrossValidation;
using BBScore.Progress;

namespace BBScore.Metrics.Online.Regressor;

/// <summary>One grid point of the online regressor (spec §1.18): a fresh seeded linear read-out trained for up to
/// <see cref="RegressorSettings.Epochs"/> epochs on the standardised training stream (seeded shuffle per epoch, whole
/// batches only, as the original's drop_last loader), the schedule stepped per batch, the validation median r after each
/// epoch, the best epoch's weights kept and training stopped after <see cref="RegressorSettings.Patience"/> epochs
/// without improvement.</summary>
public sealed class RegressorTrainingRun
{
    public sealed record Epoch(int Number, double Loss, double ValidationScore, double LearningRate, double Seconds);

    public double LearningRate { get; }
    public double WeightDecay { get; }
    public double BestValidationScore { get; private set; } = double.NegativeInfinity;
    public int BestEpoch { get; private set; }
    public (float[] Weight, float[] Bias)? BestState { get; private set; }
    public List<Epoch> Curve { get; } = [];

    RegressorTrainingRun(double lr, double wd) => (LearningRate, WeightDecay) = (lr, wd);

    public static RegressorTrainingRun Train(StandardisedBatches batches, OnlineData data, RegressorSettings settings, double lr, double wd,
                                             SeededRandom init, TorchSharp.torch.Device device, IProgressSink progress, CancellationToken cancel)
    {
        var run = new RegressorTrainingRun(lr, wd);
        int batch = Math.Min(settings.BatchSize, data.TrainRows.Length);
        int steps = data.TrainRows.Length / batch;
        var schedule = OnlineSchedule.Create(settings.Scheduler, lr, steps, settings.Epochs);
        using var readout = LinearReadoutStep.Initialised(batches.Inputs, batches.Outputs, settings.Loss, settings.CorrelationWeight, init, device);
        var x = new float[(long)batch * batches.Inputs];
        var y = new float[(long)batch * batches.Outputs];
        int sinceBest = 0;
        string config = $"lr {HyperparameterText.Of(lr)} wd {HyperparameterText.Of(wd)}";
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            int[] order = OnlineSplit.EpochOrder(data.TrainRows, data.Seed, epoch);
            var trainFeatures = data.TrainFeaturesFor(epoch);
            double lossSum = 0, rate = schedule.LearningRate;
            for (int s = 0; s < steps; s++)
            {
                cancel.ThrowIfCancellationRequested();
                var rows = order.AsSpan(s * batch, batch);
                batches.ReadFeatures(trainFeatures, rows, x);
                batches.ReadLabels(data.TrainTargets, rows, y);
                rate = schedule.LearningRate;
                lossSum += readout.Step(x, y, batch, rate, wd, l2InsideClamp: data.Compat == CompatMode.BBScore);
                schedule.AfterBatch();
            }
            double score = Validate(readout, batches, data, batch, data.Compat);
            schedule.AfterEpoch(score);
            run.Curve.Add(new Epoch(epoch, lossSum / steps, score, rate, clock.Elapsed.TotalSeconds));
            progress.Info($"online_linear_regressor {config} epoch {epoch}/{settings.Epochs}: loss {lossSum / steps:F4}, " +
                          $"validation median r {score:F4}, lr {HyperparameterText.Of(rate)} ({clock.Elapsed.TotalSeconds:F1} s)");
            if (score > run.BestValidationScore)
            {
                (run.BestValidationScore, run.BestEpoch, run.BestState) = (score, epoch, readout.Snapshot());
                sinceBest = 0;
            }
            else if (++sinceBest >= settings.Patience)
            {
                progress.Info($"online_linear_regressor {config}: no better validation score for {settings.Patience} epochs; stopped at epoch {epoch} (best: epoch {run.BestEpoch}).");
                break;
            }
        }
        run.BestState ??= readout.Snapshot();
        return run;
    }

    /// <summary>The median over outputs of the validation rows' r between predictions (in label units) and targets.</summary>
    static double Validate(LinearReadoutStep readout, StandardisedBatches batches, OnlineData data, int batch, CompatMode compat)
    {
        var accumulator = Predict(readout, batches, data.TrainFeatures, data.TrainTargets, data.ValidationRows, batch, null);
        return Numerics.NanStatistics.Median(accumulator.Pearson(compat));
    }

    /// <summary>Predicts <paramref name="rows"/> a batch at a time, accumulating against the targets; when
    /// <paramref name="keep"/> is given, also fills it with (predictions, targets) in row order.</summary>
    public static PredictionAccumulator Predict(LinearReadoutStep readout, StandardisedBatches batches, IRowSource features, IRowSource targets,
                                                int[] rows, int batch, (double[,] Predictions, double[,] Targets)? keep)
    {
        int outputs = batches.Outputs;
        var accumulator = new PredictionAccumulator(outputs);
        var x = new float[(long)batch * batches.Inputs];
        var p = new float[(long)batch * outputs];
        var t = new float[(long)batch * outputs];
        for (int start = 0; start < rows.Length; start += batch)
        {
            var chunk = rows.AsSpan(start, Math.Min(batch, rows.Length - start));
            batches.ReadFeatures(features, chunk, x);
            readout.Predict(x, chunk.Length, p);
            batches.Unstandardise(p.AsSpan(0, chunk.Length * outputs));
            targets.ReadRows(chunk, t);
            accumulator.Add(p, t, chunk.Length);
            if (keep is var (kp, kt))
                for (int r = 0; r < chunk.Length; r++)
                    for (int c = 0; c < outputs; c++)
                    {
                        kp[start + r, c] = p[r * outputs + c];
                        kt[start + r, c] = t[r * outputs + c];
                    }
        }
        return accumulator;
    }

}
