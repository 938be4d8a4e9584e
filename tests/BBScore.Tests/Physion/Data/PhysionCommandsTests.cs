using System.Text.Json;
using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Datasets.Physion;
using BBScore.Formats;
using BBScore.Tests.Inputs;
using BBScore.Tests.Support;

namespace BBScore.Tests.Physion.Data;

/// <summary>The Physion benchmarks through the CLI, on the fixture served at the bucket's paths: all 16 names listed,
/// an offline ridge read-out of contact from a tiny clip model (a local <c>videomae_base</c> export), and the online
/// classifiers on contact detection and placement prediction.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class PhysionCommandsTests
{
    public static readonly string[] Names =
    [
        "PhysionContactDetection", "PhysionIntraContactDetection", "PhysionContactPrediction", "PhysionIntraContactPrediction",
        "PhysionPlacementDetection", "PhysionIntraPlacementDetection", "PhysionPlacementPrediction", "PhysionIntraPlacementPrediction",
        "OnlinePhysionContactDetection", "OnlinePhysionIntraContactDetection", "OnlinePhysionContactPrediction", "OnlinePhysionIntraContactPrediction",
        "OnlinePhysionPlacementDetection", "OnlinePhysionIntraPlacementDetection", "OnlinePhysionPlacementPrediction", "OnlinePhysionIntraPlacementPrediction",
    ];

    static (int Code, string Out, string Err, DataHome Home) RunWithClipModel(TempDir dir, params string[] args)
    {
        using var fixture = new PhysionFixture();
        using var env = fixture.Mirror();
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        string folder = Path.Combine(home.ModelsDir, "videomae_base");
        TinyMediaOnnx.WriteClipModel(folder, module: "encoder.layer.11");
        File.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), TinyMediaOnnx.SquashedRawPixelsConfig);
        var (code, output, error) = CliRun.Run(home, ["run", "--model", "videomae_base", "--layer", "encoder.layer.11", .. args]);
        return (code, output, error, home);
    }

    static JsonElement StoredMetrics(DataHome home) =>
        JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(home.ResultsDir, "*.json").Single())).RootElement.GetProperty("metrics");

    [Fact]
    public void All_16_names_are_listed_with_their_kind_and_suggested_metric()
    {
        using var dir = new TempDir();
        var (code, output, _) = CliRun.Run(new DataHome(dir.Path), "list", "benchmarks");
        Assert.Equal(0, code);
        foreach (string name in Names) Assert.Contains(name, output);

        var physion = BenchmarkCatalog.All.Where(b => b.Family == PhysionBenchmarks.Family).ToList();
        Assert.Equal(Names.Order(), physion.Select(b => b.Name).Order());
        Assert.All(physion, b => Assert.Equal(b.Name.StartsWith("Online", StringComparison.Ordinal) ? BenchmarkKind.Online : BenchmarkKind.Offline, b.Kind));
        Assert.Equal("physion_placement_prediction", BenchmarkCatalog.Resolve("OnlinePhysionIntraPlacementPrediction").SuggestedMetric);
        Assert.Equal("ridge", BenchmarkCatalog.Resolve("PhysionContactDetection").SuggestedMetric);
    }

    [Fact]
    public void A_clip_model_scores_PhysionContactDetection_with_ridge()
    {
        using var dir = new TempDir();
        var (code, output, error, home) = RunWithClipModel(dir, "--benchmark", "PhysionContactDetection", "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("score", output);
        var shapes = Directory.GetFiles(home.FeaturesDir, "*.npy", SearchOption.AllDirectories).Select(f => NpyFile.ReadFloat32(f).Shape).ToList();
        Assert.Contains([8, 3], shapes); // 8 train clips, one clip of 4 frames in, 3 units out
        Assert.Contains([5, 3], shapes); // the 5 test clips people saw
    }

    [Fact]
    public void The_linear_classifier_reads_out_contact_online()
    {
        using var dir = new TempDir();
        var (code, output, error, home) = RunWithClipModel(dir, "--benchmark", "OnlinePhysionContactDetection",
            "--metric", "online_linear_classifier", "--epochs", "2");

        Assert.True(code == 0, error);
        Assert.Contains("score (gt_accuracy)", output);
        AssertPredictionsPerTestClip(home, "PhysionContactDetectionTest", classes: 2);
    }

    /// <summary>One stored class prediction per test clip people saw, each a class of the task.</summary>
    static void AssertPredictionsPerTestClip(DataHome home, string testSplit, int classes)
    {
        var mode = testSplit.Contains("Detection", StringComparison.Ordinal) ? PhysionMode.Detection : PhysionMode.Prediction;
        int clips = PhysionFixture.Split(mode, testSplit)["ids"]!.AsArray().Count;
        var preds = StoredMetrics(home).GetProperty("preds").EnumerateArray().Select(p => p.GetDouble()).ToList();
        Assert.Equal(clips, preds.Count);
        Assert.All(preds, p => Assert.InRange(p, 0, classes - 1));
    }

    [Fact]
    public void The_transformer_classifier_reads_out_placement_online()
    {
        using var dir = new TempDir();
        var (code, output, error, home) = RunWithClipModel(dir, "--benchmark", "OnlinePhysionPlacementPrediction",
            "--metric", "online_transformer_classifier", "--epochs", "2");

        Assert.True(code == 0, error);
        Assert.Contains("score (gt_accuracy)", output);
        AssertPredictionsPerTestClip(home, "PhysionPlacementPredictionTest", classes: 256);
    }
}
