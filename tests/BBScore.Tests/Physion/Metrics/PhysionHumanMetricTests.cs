using BBScore.Data;
using BBScore.Datasets.Physion;
using BBScore.Metrics;
using BBScore.Metrics.Online.Classifier;
using BBScore.Metrics.Online.Physion;
using BBScore.Metrics.Online.Streams;
using BBScore.Tests.Data;
using BBScore.Tests.Online.Classifier;
using BBScore.Tests.Support;

namespace BBScore.Tests.Physion.Metrics;

/// <summary>The four metrics end to end on tiny features (few epochs, a small read-out): training, the human file fetched
/// over loopback, every key; the refusal without test ids; the catalog's settings.</summary>
public class PhysionHumanMetricTests
{
    static OnlineData Data(string caseName, int classes, int dim = 4)
    {
        var c = PhysionHumanFixture.Expected["cases"]![caseName]!;
        string[] ids = c["ids"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        int[] testLabels = c["labels"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        var (trainX, trainY) = ClassifierData.Blobs(48, Math.Min(classes, 4), dim, timeSteps: 2, seed: 5);
        var (testX, _) = ClassifierData.Blobs(ids.Length, Math.Min(classes, 4), dim, timeSteps: 2, seed: 6);
        var train = new ArrayRowSource(trainX, trainY.Length, [2, dim]);
        var trainTargets = new ArrayRowSource(trainY.Select(l => (float)l).ToArray(), trainY.Length, [1]);
        var test = new ArrayRowSource(testX, ids.Length, [2, dim]);
        var testTargets = new ArrayRowSource(testLabels.Select(l => (float)l).ToArray(), ids.Length, [1]);
        var rows = Enumerable.Range(0, 48).ToArray();
        return new OnlineData(train, trainTargets, rows[..40], rows[40..], test, testTargets, Enumerable.Range(0, ids.Length).ToArray()) { TestIds = ids };
    }

    static ClassifierSettings Tiny(ClassifierSettings basis) => basis with
    {
        Epochs = 2, Patience = 2, BatchSize = 16, EmbedDim = 8, NumHeads = 2, Depth = 1, LearningRates = [1e-3], WeightDecays = [0.0],
    };

    [Fact]
    public void ContactRunTrainsFetchesTheHumansAndWritesEveryKey()
    {
        using var fixture = new PhysionHumanFixture();
        using var dir = new TempDir();
        var options = new MetricOptions { Home = new DataHome(dir.Path) };
        var metric = new PhysionContactMetric(Tiny(PhysionContactMetric.Defaults), PhysionHumanTask.ContactDetection, options, fixture.Files, DownloaderTests.FastOptions);
        var scores = metric.Score(Data("PhysionHumanContactDetection2024.nc:varied", 2));

        Assert.Equal("physion_contact_detection", metric.Key);
        Assert.Equal("physion_contact_cohen_kappa", scores.HeadlineKey);
        foreach (string key in new[] { "gt_accuracy", "gt_f1_score", "preds", "gt", "physion_contact_cohen_kappa", "physion_contact_error",
                                       "physion_contact_model_accuracy", "physion_contact_scenario_accuracy", "physion_contact_scenario_kappa" })
            Assert.Contains(key, scores.Keys);
        Assert.Equal(["collide", "dominoes", "towers"], scores.Labels.Single(l => l.Key == "physion_contact_scenarios").Value);
        Assert.Equal(1, scores["readout.logits"].Scalar);
        // The headline's bar comes from a draw within each scenario, and that is the draw described; accuracy keeps its bar.
        Assert.Equal(1000, scores["physion_contact_cohen_kappa_bootstrap"].Data.Length);
        Assert.Equal(3, scores["bootstrap_groups"].Data.Length);
        Assert.True(scores.TryGet("gt_accuracy_se", out _));
        Assert.False(scores.TryGet("gt_accuracy_bootstrap", out _));
        Assert.True(File.Exists(Path.Combine(dir.Path, "datasets", "PhysionBehavioral", "PhysionHumanContactDetection2024.nc")));
    }

    [Fact]
    public void PlacementRunHas256ClassesAndEveryKey()
    {
        using var fixture = new PhysionHumanFixture();
        using var dir = new TempDir();
        var options = new MetricOptions { Home = new DataHome(dir.Path) };
        var metric = new PhysionPlacementMetric(Tiny(PhysionPlacementMetric.Defaults), PhysionHumanTask.PlacementPrediction, options, fixture.Files, DownloaderTests.FastOptions);
        var scores = metric.Score(Data("PhysionHumanPlacementPrediction2024.nc:varied", 256));

        Assert.Equal("physion_placement_score", scores.HeadlineKey);
        Assert.Equal(256, scores["num_classes"].Scalar);
        var expected = PhysionHumanFixture.Expected["cases"]!["PhysionHumanPlacementPrediction2024.nc:varied"]!["expected"]!.AsObject();
        foreach (var (key, _) in expected) Assert.Contains(key, scores.Keys);
        Assert.InRange(scores.Headline, 0, 1);
    }

    [Fact]
    public void BehaviouralDataWithoutTestIdsIsRefusedBeforeTraining()
    {
        var options = new MetricOptions { Home = new DataHome(Path.GetTempPath()), Offline = true };
        var metric = new PhysionContactMetric(Tiny(PhysionContactMetric.Defaults), PhysionHumanTask.ContactPrediction, options);
        var data = Data("PhysionHumanContactPrediction2024.nc:varied", 2) with { TestIds = null };
        var e = Assert.Throws<ArgumentException>(() => metric.Score(data));
        Assert.Contains("ids", e.Message);
        Assert.Contains("physion_contact_prediction", e.Message);
    }

    [Theory]
    [InlineData("physion_contact_detection", 2, new[] { 1e-3 }, new[] { 0.0 })]
    [InlineData("physion_contact_prediction", 2, new[] { 1e-3 }, new[] { 0.0 })]
    [InlineData("physion_placement_detection", 256, new[] { 1e-3, 1e-4 }, new[] { 0.0, 1e-2 })]
    [InlineData("physion_placement_prediction", 256, new[] { 1e-3, 1e-4 }, new[] { 0.0, 1e-2 })]
    public void TheCatalogBuildsEachWithTheOriginalsSettings(string key, int classes, double[] lrs, double[] wds)
    {
        var metric = Assert.IsAssignableFrom<PhysionHumanMetric>(MetricCatalog.Create(key));
        Assert.Equal(key, metric.Key);
        Assert.Equal(classes, metric.Settings.NumClasses);
        Assert.Equal(lrs, metric.Settings.LearningRates);
        Assert.Equal(wds, metric.Settings.WeightDecays);
        Assert.Equal(("transformer", 252, 4, 2, 50, 10, 32, "cosine"),
            (metric.Settings.Readout, metric.Settings.EmbedDim, metric.Settings.NumHeads, metric.Settings.Depth, metric.Settings.Epochs,
             metric.Settings.Patience, metric.Settings.BatchSize, metric.Settings.Scheduler));
    }
}
