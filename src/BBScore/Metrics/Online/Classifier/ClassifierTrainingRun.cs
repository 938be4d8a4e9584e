using System.Diagnostics;
using BBScore.Metrics.Online.Readouts;
using BBScore.Metrics.Online.Schedules;
using BBScore.Metrics.Online.Streams;
using BBScore.Progress;

namespace BBScore.Metrics.Online.Classifier;

/// <summary>What the classifiers' training sees: the feature streams, each stream row's class index, the split and the
/// read-out's input shape (timeSteps 0 for [D] features, T for [T, D] ones).</summary>
public sealed record ClassifierProblem(OnlineData Data, int[] TrainLabels, int[] TestLabels, int Classes, int InputDim, int TimeSteps);

/// <summary>One grid point of the original's <c>train_and_evaluate</c> (spec §1.15): a fresh read-out seeded with the
/// run's seed and AdamW(lr, wd); per epoch a seeded shuffle of the training rows, whole batches only (the original's
/// drop_last loader), the schedule stepped per batch, then the validation accuracy. The best epoch's state is kept as a
/// copy. <c>cosine</c>: stop after <see cref="ClassifierSettings.Patience"/> epochs without a better validation accuracy.
/// <c>wsd</c>: when patience runs out, reload the best state and decay the rate linearly to 0 over
/// <see cref="ClassifierSettings.DecayEpochs"/> epochs, then stop; if the planned epochs end first, stop without decay.
/// Deviation: the original keeps the best epoch as <c>state_dict()</c>, which aliases the live parameters, so its "best"
/// state is the last epoch's and its reload does nothing; here the best epoch really is kept and reloaded.</summary>
public sealed class ClassifierTrainingRun : IDisposable
{
    /// <param name="Decaying">True for the epochs of the wsd decay phase.</param>
    public sealed record Epoch(int Number, double Loss, double ValidationAccuracy, double LearningRate, double Seconds, bool Decaying);

    public double LearningRate { get; }
    public double WeightDecay { get; }
    public double BestValidationAccuracy { get; private set; } = double.NegativeInfinity;

    /// <summary>1-based epoch whose state is kept.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The epoch (1-based) after which the wsd decay phase began; null when it never did.</summary>
    public int? DecayStartedAfterEpoch { get; private set; }

    /// <summary>The best epoch's read-out and normaliser state (owned by the run until <see cref="TakeBestState"/>).</summary>
    public ReadoutSnapshot? BestState { get; private set; }

    public List<Epoch> Curve { get; } = [];

    ClassifierTrainingRun(double lr, double wd) => (LearningRate, WeightDecay) = (lr, wd);

    /// <summary>A fresh read-out for <paramref name="problem"/>: one logit for two classes, C logits otherwise.</summary>
    public static ClassifierReadout CreateReadout(ClassifierSettings settings, ClassifierProblem problem, double wd) =>
        ClassifierReadout.Create(settings.Readout, problem.InputDim, problem.TimeSteps, problem.Classes, settings.ReadoutFor(wd, problem.Data.Seed));

    public static ClassifierTrainingRun Train(ClassifierProblem problem, ClassifierSettings settings, string metricKey, double lr, double wd,
                                              IProgressSink progress, CancellationToken cancel)
    {
        var data = problem.Data;
        var run = new ClassifierTrainingRun(lr, wd);
        int batch = Math.Min(settings.BatchSize, data.TrainRows.Length);
        int steps = data.TrainRows.Length / batch;
        var schedule = OnlineSchedule.Create(settings.Scheduler, lr, steps, settings.Epochs);
        using var readout = CreateReadout(settings, problem, wd);
        readout.NormalizerTraining = true; // the original sets it once per grid point; validation leaves it in eval mode
        var x = new float[(long)batch * data.TrainFeatures.RowLength];
        var labels = new int[batch];
        bool wsd = settings.Scheduler == "wsd", decaying = false;
        int sinceBest = 0, lastEpoch = settings.Epochs;
        string config = $"{metricKey} lr {HyperparameterText.Of(lr)} wd {HyperparameterText.Of(wd)}";
        for (int epoch = 1; epoch <= lastEpoch; epoch++)
        {
            var clock = Stopwatch.StartNew();
            int[] order = OnlineSplit.EpochOrder(data.TrainRows, data.Seed, epoch);
            var trainFeatures = data.TrainFeaturesFor(epoch);
            double lossSum = 0, rate = schedule.LearningRate;
            for (int s = 0; s < steps; s++)
            {
                cancel.ThrowIfCancellationRequested();
                var rows = order.AsSpan(s * batch, batch);
                trainFeatures.ReadRows(rows, x);
                for (int i = 0; i < batch; i++) labels[i] = problem.TrainLabels[rows[i]];
                rate = schedule.LearningRate;
                lossSum += readout.TrainStep(x, batch, labels, rate);
                schedule.AfterBatch();
            }
            var predicted = Predict(readout, data.TrainFeatures, data.ValidationRows, batch);
            double accuracy = ClassificationScores.Accuracy(data.ValidationRows.Select(r => problem.TrainLabels[r]).ToArray(), predicted);
            schedule.AfterEpoch(accuracy);
            run.Curve.Add(new Epoch(epoch, lossSum / steps, accuracy, rate, clock.Elapsed.TotalSeconds, decaying));
            progress.Info($"{config} epoch {epoch}/{lastEpoch}{(decaying ? " (decay)" : "")}: loss {lossSum / steps:F4}, " +
                          $"validation accuracy {accuracy:F4}, lr {HyperparameterText.Of(rate)} ({clock.Elapsed.TotalSeconds:F1} s)");
            if (accuracy > run.BestValidationAccuracy)
            {
                run.BestState?.Dispose();
                (run.BestValidationAccuracy, run.BestEpoch, run.BestState) = (accuracy, epoch, readout.Snapshot());
                sinceBest = 0;
            }
            else sinceBest++;

            if (wsd)
            {
                if (!decaying && sinceBest >= settings.Patience)
                {
                    int decayEpochs = settings.DecayEpochs;
                    progress.Info($"{config}: no better validation accuracy for {settings.Patience} epochs at epoch {epoch}; best state (epoch {run.BestEpoch}) " +
                                  $"reloaded, learning rate decays linearly to 0 over {decayEpochs} epochs.");
                    readout.Restore(run.BestState!);
                    schedule.StartDecay(decayEpochs * steps);
                    (decaying, run.DecayStartedAfterEpoch, lastEpoch, sinceBest) = (true, epoch, epoch + decayEpochs, 0);
                }
                else if (!decaying && epoch >= settings.Epochs) break;
            }
            else if (sinceBest >= settings.Patience)
            {
                progress.Info($"{config}: no better validation accuracy for {settings.Patience} epochs; stopped at epoch {epoch} (best: epoch {run.BestEpoch}).");
                break;
            }
        }
        run.BestState ??= readout.Snapshot();
        return run;
    }

    /// <summary>Class indices for <paramref name="rows"/> of <paramref name="features"/>, <paramref name="batch"/> rows at a time.</summary>
    public static int[] Predict(ClassifierReadout readout, IRowSource features, int[] rows, int batch)
    {
        var result = new int[rows.Length];
        var x = new float[(long)batch * features.RowLength];
        for (int start = 0; start < rows.Length; start += batch)
        {
            var chunk = rows.AsSpan(start, Math.Min(batch, rows.Length - start));
            features.ReadRows(chunk, x);
            readout.Predict(x.AsSpan(0, chunk.Length * features.RowLength), chunk.Length).CopyTo(result, start);
        }
        return result;
    }

    /// <summary>Hands the best state to the caller (who disposes it).</summary>
    public ReadoutSnapshot TakeBestState()
    {
        var state = BestState ?? throw new InvalidOperationException("The run kept no state.");
        BestState = null;
        return state;
    }

    public void Dispose()
    {
        BestState?.Dispose();
        BestState = null;
    }

}
