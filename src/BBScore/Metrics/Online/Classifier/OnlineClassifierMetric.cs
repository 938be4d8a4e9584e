using BBScore.Metrics.Online.Streams;
using BBScore.Numerics;
using BBScore.Progress;

namespace BBScore.Metrics.Online.Classifier;

/// <summary>The original's online classifiers (spec §1.15–1.17): a read-out from features to class logits (one logit
/// for two classes, C otherwise) trained by AdamW over the lr × wd grid with the <c>wsd</c> or <c>cosine</c> schedule;
/// the grid point with the best validation accuracy is re-evaluated on the test rows. Labels are the target stream's one
/// value per stimulus, the class index; the number of classes is <see cref="ClassifierSettings.NumClasses"/> or the
/// largest label + 1. The feature stream's row shape gives the read-out's input: [D] or [T, D] (sequence features).
/// Memory: one batch of features, the read-out and one copy of it (the best epoch), whatever the data size.</summary>
public abstract class OnlineClassifierMetric(ClassifierSettings settings, IProgressSink progress, int bootstrap = ScoreUncertainty.DefaultResamples) : IOnlineMetric
{
    public abstract string Key { get; }

    public ClassifierSettings Settings => settings;

    /// <summary>In-memory inputs; the split is stratified by the labels when the caller gives no other stratification.</summary>
    public ScoreSet Score(MetricInputs inputs)
    {
        if (inputs.StratifyLabels is null && inputs.TrainTargets.GetLength(1) == 1)
            inputs = inputs with { StratifyLabels = ClassLabels.Read(new MatrixRowSource(inputs.TrainTargets)) };
        return Score(OnlineInputs.From(inputs));
    }

    public ScoreSet Score(OnlineData data) => Score(data, CancellationToken.None);

    public ScoreSet Score(OnlineData data, CancellationToken cancel)
    {
        settings.Validate();
        data.Validate();
        BeforeTraining(data, cancel);
        TorchRuntime.EnsureLoaded();
        var problem = Describe(data);
        int batch = Math.Min(settings.BatchSize, data.TrainRows.Length);
        progress.Info($"{Key}: {data.TrainRows.Length} train / {data.ValidationRows.Length} validation / {data.TestRows.Length} test rows, " +
                      $"features ({string.Join(", ", data.TrainFeatures.UnitShape)}) -> {problem.Classes} classes ({(problem.Classes == 2 ? "1 logit" : $"{problem.Classes} logits")}), " +
                      $"{settings.Readout} read-out, {settings.Scheduler} schedule; memory: one batch of {batch} rows at a time" +
                      (data.TestIsHeldOut ? "; no test set given: a seeded tenth of the rows is held out as the test set" : ""));
        if (settings.Readout == "transformer" && problem.TimeSteps == 0)
            progress.Warn($"{Key}: the transformer read-out wants sequence features [T, D]; these are [D] per stimulus, so each gets a time axis of length 1 " +
                          "(as the original warns for sequence_mode 'last' or 'concatenate').");
        var runs = new List<ClassifierTrainingRun>();
        try
        {
            foreach (double lr in settings.LearningRates)
                foreach (double wd in settings.WeightDecays)
                {
                    var run = ClassifierTrainingRun.Train(problem, settings, Key, lr, wd, progress, cancel);
                    runs.Add(run);
                    // Only the best grid point's state is needed later; free the others' as soon as they lose.
                    double bestSoFar = runs.Max(r => r.BestValidationAccuracy);
                    var leader = runs.First(r => r.BestValidationAccuracy == bestSoFar);
                    foreach (var other in runs) if (!ReferenceEquals(other, leader)) other.Dispose();
                }
            double bestScore = runs.Max(r => r.BestValidationAccuracy);
            var best = runs.First(r => r.BestValidationAccuracy == bestScore);
            progress.Info($"{Key}: best lr {HyperparameterText.Of(best.LearningRate)} wd {HyperparameterText.Of(best.WeightDecay)} " +
                          $"(validation accuracy {best.BestValidationAccuracy:F4} at epoch {best.BestEpoch})");
            using var state = best.TakeBestState();
            using var readout = ClassifierTrainingRun.CreateReadout(settings, problem, best.WeightDecay);
            readout.Restore(state, normalizer: true);
            int[] predicted = ClassifierTrainingRun.Predict(readout, data.TestFeatures, data.TestRows, batch);
            var scores = ClassifierScores.Build(problem, predicted, settings, runs, best);
            // After AfterTesting, so the accuracy's bars know which key ended up the headline.
            var result = AfterTesting(scores, predicted, problem.TestLabels, data);
            OnlineUncertainty.AddClassifier(result, predicted, problem.TestLabels, bootstrap, data.Seed);
            return result;
        }
        finally
        {
            foreach (var run in runs) run.Dispose();
        }
    }

    /// <summary>Runs before any training: a subclass checks what it needs beyond the streams and fetches its own data here,
    /// so that a missing input fails before the (long) training rather than after it.</summary>
    protected virtual void BeforeTraining(OnlineData data, CancellationToken cancel) { }

    /// <summary>Runs after the best read-out was tested: a subclass adds keys computed from the test predictions
    /// (<paramref name="predicted"/> and <paramref name="testLabels"/> are in <c>data.TestRows</c> order) and may return
    /// another set (e.g. another headline). The default returns <paramref name="scores"/> unchanged.</summary>
    protected virtual ScoreSet AfterTesting(ScoreSet scores, int[] predicted, int[] testLabels, OnlineData data) => scores;

    /// <summary>Labels, class count and read-out input shape of <paramref name="data"/>, checked.</summary>
    ClassifierProblem Describe(OnlineData data)
    {
        int[] trainLabels = ClassLabels.Read(data.TrainTargets, "the training targets");
        int[] testAll = data.TestIsHeldOut ? trainLabels : ClassLabels.Read(data.TestTargets, "the test targets");
        int[] testLabels = data.TestRows.Select(r => testAll[r]).ToArray();
        int largest = data.TrainRows.Concat(data.ValidationRows).Select(r => trainLabels[r]).Concat(testLabels).DefaultIfEmpty(0).Max();
        int classes = settings.NumClasses ?? data.NumClasses ?? largest + 1;
        if (largest >= classes)
            throw new ArgumentException($"{Key}: a label {largest} is out of range for num_classes {classes} (labels are class ids 0..{classes - 1}).");
        if (classes < 2)
            throw new ArgumentException($"{Key}: every label is 0; a classifier needs at least 2 classes (labels 0..C-1).");
        int[] shape = data.TrainFeatures.UnitShape;
        var (timeSteps, inputDim) = shape.Length switch
        {
            1 => (0, shape[0]),
            2 => (shape[0], shape[1]),
            _ => throw new ArgumentException($"{Key}: features of shape ({string.Join(", ", shape)}) per stimulus; the read-outs take [D] or [T, D] (time × features)."),
        };
        if (inputDim < 1 || shape.Length == 2 && timeSteps < 1)
            throw new ArgumentException($"{Key}: features of shape ({string.Join(", ", shape)}) per stimulus are empty.");
        return new ClassifierProblem(data, trainLabels, testLabels, classes, inputDim, timeSteps);
    }
}

/// <summary><c>online_linear_classifier</c> (spec §1.16): linear read-out, lr [1e-5, 1e-4, 1e-3] × wd [1e-5, 1e-4, 1e-3],
/// 100 epochs, patience 10, batches of 32, layer_norm features, the wsd schedule.</summary>
public sealed class OnlineLinearClassifier(ClassifierSettings settings, IProgressSink progress, int bootstrap = ScoreUncertainty.DefaultResamples)
    : OnlineClassifierMetric(settings, progress, bootstrap)
{
    public const string MetricKey = "online_linear_classifier";

    public override string Key => MetricKey;
}

/// <summary><c>online_transformer_classifier</c> (spec §1.17): transformer read-out (embed 256, 4 heads, depth 2; V-JEPA's
/// attentive classifier), lr [1e-3], wd [0], 50 epochs, patience 10, batches of 32, the wsd schedule. It wants
/// [T, D] sequence features; [D] features get a time axis of length 1.</summary>
public sealed class OnlineTransformerClassifier(ClassifierSettings settings, IProgressSink progress, int bootstrap = ScoreUncertainty.DefaultResamples)
    : OnlineClassifierMetric(settings, progress, bootstrap)
{
    public const string MetricKey = "online_transformer_classifier";

    public override string Key => MetricKey;
}
