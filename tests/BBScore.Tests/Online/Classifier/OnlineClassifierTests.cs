using System.Text.Json;
using BBScore.Metrics;
using BBScore.Metrics.Online;
using BBScore.Metrics.Online.Classifier;
using BBScore.Progress;

namespace BBScore.Tests.Online.Classifier;

/// <summary>The online classifiers end to end on planted problems: both metrics separate Gaussian blobs, the F1 is
/// scikit-learn's (fixture from tests/fixtures/generate_classification_score_fixtures.py), the wsd decay starts when
/// patience runs out and ends after the decay epochs, cosine stops on patience, two classes train one logit, a
/// scheduler the classifiers do not know is refused by name, and a seed gives the same result twice.</summary>
public class OnlineClassifierTests
{
    const int Dim = 6;

    static ScoreSet Linear(ClassifierSettings settings, BBScore.Metrics.Online.Streams.OnlineData data, IProgressSink? progress = null) =>
        new OnlineLinearClassifier(settings, progress ?? SilentProgress.Instance).Score(data);

    static int[] Ints(ScoreSet scores, string key) => scores[key].Data.Select(v => (int)v).ToArray();

    [Fact]
    public void LinearClassifierSeparatesThreeBlobsAndReportsScikitLearnsF1()
    {
        var (x, y) = ClassifierData.Blobs(240, 3, Dim);
        var scores = Linear(ClassifierData.Small(ClassifierSettings.Linear), ClassifierData.Data(x, y, 0, Dim));
        Assert.Equal("gt_accuracy", scores.HeadlineKey);
        Assert.True(scores["gt_accuracy"].Scalar >= 0.95, $"test accuracy {scores["gt_accuracy"].Scalar}");
        int[] preds = Ints(scores, "preds"), gt = Ints(scores, "gt");
        Assert.Equal(scores["split.test"].Scalar, preds.Length);
        Assert.Equal(ClassificationScores.Accuracy(gt, preds), scores["gt_accuracy"].Scalar);
        Assert.Equal(ClassificationScores.F1(gt, preds, binary: false), scores["gt_f1_score"].Scalar);
        Assert.Equal(3, scores["num_classes"].Scalar);
        Assert.Equal(3, scores["readout.logits"].Scalar);
        Assert.Equal(1e-2, scores["best_hyperparams.lr"].Scalar);
        Assert.Equal(0, scores["best_hyperparams.wd"].Scalar);
        Assert.Equal(scores["grid.best_validation_score"].Data.Max(), scores["best_val_score_during_grid_search"].Scalar);
        Assert.DoesNotContain(scores.Keys, k => k.StartsWith("ceiled_", StringComparison.Ordinal));
    }

    [Fact]
    public void TransformerClassifierSeparatesSequenceBlobs()
    {
        const int steps = 3;
        var (x, y) = ClassifierData.Blobs(180, 3, Dim, timeSteps: steps);
        var settings = ClassifierData.Small(ClassifierSettings.Transformer) with { LearningRates = [3e-3] };
        var scores = new OnlineTransformerClassifier(settings, SilentProgress.Instance).Score(ClassifierData.Data(x, y, steps, Dim));
        Assert.True(scores["gt_accuracy"].Scalar >= 0.9, $"test accuracy {scores["gt_accuracy"].Scalar}");
        Assert.Equal(ClassificationScores.F1(Ints(scores, "gt"), Ints(scores, "preds"), binary: false), scores["gt_f1_score"].Scalar);
        Assert.Equal(["transformer"], scores.Labels.Single(l => l.Key == "best_hyperparams.readout").Value);
    }

    [Fact]
    public void LinearReadoutTakesSequenceFeaturesFlattened()
    {
        var (x, y) = ClassifierData.Blobs(150, 3, Dim, timeSteps: 2);
        var scores = Linear(ClassifierData.Small(ClassifierSettings.Linear), ClassifierData.Data(x, y, 2, Dim));
        Assert.True(scores["gt_accuracy"].Scalar >= 0.9, $"test accuracy {scores["gt_accuracy"].Scalar}");
    }

    public static TheoryData<string> FixtureCases() => new(ScoreFixture().Select(c => c.GetProperty("name").GetString()!));

    static JsonElement[] ScoreFixture() => JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "online", "classification_scores.json"))).RootElement.EnumerateArray().ToArray();

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void AccuracyAndF1EqualScikitLearn(string name)
    {
        var c = ScoreFixture().Single(e => e.GetProperty("name").GetString() == name);
        int[] truth = c.GetProperty("y_true").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        int[] predicted = c.GetProperty("y_pred").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal(c.GetProperty("accuracy").GetDouble(), ClassificationScores.Accuracy(truth, predicted), 12);
        Assert.Equal(c.GetProperty("f1").GetDouble(), ClassificationScores.F1(truth, predicted, c.GetProperty("binary").GetBoolean()), 12);
    }

    [Fact]
    public void WsdDecaysAfterPatienceRunsOutThenStops()
    {
        var (x, y) = ClassifierData.Blobs(200, 3, Dim);
        var settings = ClassifierData.Small(ClassifierSettings.Linear) with { Epochs = 40, Patience = 2 };
        var messages = new List<string>();
        var scores = Linear(settings, ClassifierData.Data(x, y, 0, Dim), new RecordingProgress(messages));
        int decayAfter = (int)scores["grid.decay_started_after_epoch"].Data[0];
        double[] validation = scores["training_curve.validation_score"].Data, rates = scores["training_curve.learning_rate"].Data;
        double[] decaying = scores["training_curve.decaying"].Data;
        Assert.InRange(decayAfter, 1, 39);
        Assert.Equal(5, settings.DecayEpochs); // max(5, int(0.05 * 40))
        Assert.Equal(decayAfter + settings.DecayEpochs, validation.Length);
        Assert.Equal(validation.Length, scores["grid.epochs_trained"].Data[0]);
        Assert.All(decaying[..decayAfter], d => Assert.Equal(0, d));
        Assert.All(decaying[decayAfter..], d => Assert.Equal(1, d));
        // Patience ran out exactly `patience` epochs after the last improvement before the decay.
        double before = validation[..decayAfter].Max();
        int lastImprovement = Array.IndexOf(validation, before) + 1;
        Assert.Equal(settings.Patience, decayAfter - lastImprovement);
        // Decay: LinearLR(1 -> 0) over 5 epochs of steps from the stable rate; the rate of each decay epoch's last step.
        int steps = (int)scores["split.train"].Scalar / settings.BatchSize, total = settings.DecayEpochs * steps;
        double lr = settings.LearningRates[0];
        Assert.Equal(lr, rates[decayAfter - 1], 12);
        for (int j = 1; j <= settings.DecayEpochs; j++)
            Assert.Equal(lr * (1 - (j * steps - 1) / (double)total), rates[decayAfter - 1 + j], 9);
        Assert.Contains(messages, m => m.Contains("decays linearly to 0 over 5 epochs", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("(decay)", StringComparison.Ordinal) && m.Contains("validation accuracy", StringComparison.Ordinal));
    }

    [Fact]
    public void WsdStopsAtTheLastEpochWhenPatienceNeverRunsOut()
    {
        var (x, y) = ClassifierData.Blobs(120, 3, Dim);
        var settings = ClassifierData.Small(ClassifierSettings.Linear) with { Epochs = 4, Patience = 10 };
        var scores = Linear(settings, ClassifierData.Data(x, y, 0, Dim));
        Assert.Equal(4, scores["grid.epochs_trained"].Data[0]);
        Assert.Equal(0, scores["grid.decay_started_after_epoch"].Data[0]);
    }

    [Fact]
    public void CosineStopsOnPatienceWithoutDecay()
    {
        var (x, y) = ClassifierData.Blobs(200, 3, Dim);
        var settings = ClassifierData.Small(ClassifierSettings.Linear) with { Epochs = 40, Patience = 2, Scheduler = "cosine" };
        var scores = Linear(settings, ClassifierData.Data(x, y, 0, Dim));
        double[] validation = scores["training_curve.validation_score"].Data;
        int best = Array.IndexOf(validation, validation.Max()) + 1;
        Assert.True(validation.Length < 40);
        Assert.Equal(best + settings.Patience, validation.Length);
        Assert.Equal(best, scores["best_hyperparams.epoch"].Scalar);
        Assert.Equal(0, scores["grid.decay_started_after_epoch"].Data[0]);
        Assert.All(scores["training_curve.decaying"].Data, d => Assert.Equal(0, d));
    }

    [Fact]
    public void TwoClassesTrainOneLogitAndReportBinaryF1()
    {
        var (x, y) = ClassifierData.Blobs(160, 2, Dim, spread: 2);
        var data = ClassifierData.Data(x, y, 0, Dim);
        var settings = ClassifierData.Small(ClassifierSettings.Linear);
        var scores = Linear(settings, data);
        Assert.Equal(1, scores["readout.logits"].Scalar);
        int[] preds = Ints(scores, "preds"), gt = Ints(scores, "gt");
        Assert.All(preds, p => Assert.InRange(p, 0, 1));
        Assert.Equal(ClassificationScores.F1(gt, preds, binary: true), scores["gt_f1_score"].Scalar);
        Assert.True(scores["gt_accuracy"].Scalar >= 0.8, $"test accuracy {scores["gt_accuracy"].Scalar}");

        var problem = new ClassifierProblem(data, y, y, 2, Dim, 0);
        using var readout = ClassifierTrainingRun.CreateReadout(settings, problem, 0);
        var parameters = readout.GetParameters();
        Assert.Equal(Dim, parameters["linear.weight"].Length); // nn.Linear(D, 1)
        Assert.Single(parameters["linear.bias"]);
    }

    [Theory]
    [InlineData("bogus_schedule")]
    [InlineData("warmup_cosine")]
    public void SchedulerTheClassifiersDoNotKnowIsRefusedByName(string scheduler)
    {
        var (x, y) = ClassifierData.Blobs(60, 3, Dim);
        var settings = ClassifierData.Small(ClassifierSettings.Linear) with { Scheduler = scheduler };
        var e = Assert.Throws<ArgumentException>(() => Linear(settings, ClassifierData.Data(x, y, 0, Dim)));
        Assert.Contains($"'{scheduler}'", e.Message);
        Assert.Contains("wsd, cosine", e.Message);
    }

    [Fact]
    public void TheSameSeedGivesTheSameResult()
    {
        var (x, y) = ClassifierData.Blobs(150, 3, Dim, spread: 1);
        var settings = ClassifierData.Small(ClassifierSettings.Linear) with { Epochs = 5, LearningRates = [1e-3, 1e-2], WeightDecays = [0, 1e-3] };
        var first = Linear(settings, ClassifierData.Data(x, y, 0, Dim));
        var second = Linear(settings, ClassifierData.Data(x, y, 0, Dim));
        foreach (string key in new[] { "preds", "gt", "training_curve.loss", "training_curve.validation_score", "grid.best_validation_score" })
            Assert.Equal(first[key].Data, second[key].Data);
        Assert.Equal(first["gt_accuracy"].Scalar, second["gt_accuracy"].Scalar);
        Assert.Equal(first["best_hyperparams.lr"].Scalar, second["best_hyperparams.lr"].Scalar);
        Assert.Equal(4, first["grid.lr"].Data.Length);
    }

    [Fact]
    public void CeilingAddsCeiledKeysBesideTheUnceiledOnesExceptUnderCompat()
    {
        var (x, y) = ClassifierData.Blobs(90, 3, Dim);
        var settings = ClassifierData.Small(ClassifierSettings.Linear) with { Epochs = 3 };
        var scores = Linear(settings, ClassifierData.Data(x, y, 0, Dim, ceiling: [0.7]));
        Assert.Equal("ceiled_gt_accuracy", scores.HeadlineKey);
        Assert.Equal(scores["gt_accuracy"].Scalar / 0.7, scores["ceiled_gt_accuracy"].Scalar, 12);
        Assert.Equal(scores["gt_f1_score"].Scalar / 0.7, scores["ceiled_gt_f1_score"].Scalar, 12);
        Assert.False(scores.TryGet("ceiled_best_val_score_during_grid_search", out _));

        var compat = Linear(settings, ClassifierData.Data(x, y, 0, Dim, ceiling: [0.8], compat: CompatMode.BBScore));
        Assert.Equal("gt_accuracy", compat.HeadlineKey);
        Assert.DoesNotContain(compat.Keys, k => k.StartsWith("ceiled_", StringComparison.Ordinal));
    }

    [Fact]
    public void RegisteredWithTheOriginalsDefaultsAndTheOverrides()
    {
        var linear = Assert.IsType<OnlineLinearClassifier>(MetricCatalog.Create("online_linear_classifier"));
        Assert.Equal([1e-5, 1e-4, 1e-3], linear.Settings.LearningRates);
        Assert.Equal([1e-5, 1e-4, 1e-3], linear.Settings.WeightDecays);
        Assert.Equal((100, 10, 32, "wsd", "layer_norm", "linear"),
            (linear.Settings.Epochs, linear.Settings.Patience, linear.Settings.BatchSize, linear.Settings.Scheduler, linear.Settings.Normalizer, linear.Settings.Readout));
        var transformer = Assert.IsType<OnlineTransformerClassifier>(MetricCatalog.Create("online_transformer_classifier"));
        Assert.Equal((256, 4, 2, 50, 10, 32, "wsd"), (transformer.Settings.EmbedDim, transformer.Settings.NumHeads, transformer.Settings.Depth,
            transformer.Settings.Epochs, transformer.Settings.Patience, transformer.Settings.BatchSize, transformer.Settings.Scheduler));
        Assert.Equal([1e-3], transformer.Settings.LearningRates);
        Assert.Equal([0.0], transformer.Settings.WeightDecays);
        Assert.Equal((252, "cosine", "transformer"), (ClassifierSettings.Physion.EmbedDim, ClassifierSettings.Physion.Scheduler, ClassifierSettings.Physion.Readout));

        var overrides = new OnlineOverrides { Epochs = 7, Patience = 3, LearningRates = [0.5], WeightDecays = [0.25], Scheduler = "cosine" };
        var tuned = (OnlineLinearClassifier)MetricCatalog.Create("online_linear_classifier", new MetricOptions { Online = overrides });
        Assert.Equal((7, 3, "cosine"), (tuned.Settings.Epochs, tuned.Settings.Patience, tuned.Settings.Scheduler));
        Assert.Equal([0.5], tuned.Settings.LearningRates);
        Assert.Equal([0.25], tuned.Settings.WeightDecays);
        var e = Assert.Throws<ArgumentException>(() => MetricCatalog.Create("online_transformer_classifier", new MetricOptions { Online = new OnlineOverrides { Loss = "mse" } }));
        Assert.Contains("--loss", e.Message);
    }

    [Fact]
    public void LabelsThatAreNotClassIdsAreRefused()
    {
        var (x, y) = ClassifierData.Blobs(40, 2, Dim);
        var features = new BBScore.Metrics.Online.Streams.ArrayRowSource(x, 40, [Dim]);
        var targets = new BBScore.Metrics.Online.Streams.ArrayRowSource(y.Select(l => l + 0.5f).ToArray(), 40, [1]);
        var data = BBScore.Metrics.Online.Streams.OnlineData.Split(features, targets, null, null, null, 42, CompatMode.Fixed);
        var e = Assert.Throws<ArgumentException>(() => Linear(ClassifierData.Small(ClassifierSettings.Linear), data));
        Assert.Contains("not a class index", e.Message);
    }

    sealed class RecordingProgress(List<string> messages) : IProgressSink
    {
        public void Info(string message) => messages.Add(message);
        public void Warn(string message) => messages.Add(message);
        public T Track<T>(string label, long total, Func<Action<long>, T> work) => work(_ => { });
    }
}
