using System.Text.Json;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Tests.Inputs;
using BBScore.Tests.Support;

namespace BBScore.Tests.Ssv2;

/// <summary>The lecture's three SSV2 commands, as written, on the pruned-SSV2 fixture served at the GCS paths, with tiny
/// clip models exported locally under the lecture's model keys: the linear classifier on SSV2Benchmark with videomae_base
/// and timesformer_base, and the transformer classifier on AugmentedSSV2Benchmark (augmented clips every epoch, clean
/// validation). Each stores the classifier's keys with 40 classes.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class Ssv2LectureCommandsTests
{
    static (int Code, string Out, string Err, JsonElement Metrics) Run(string model, string benchmark, string metric)
    {
        using var dir = new TempDir();
        using var fixture = new Ssv2Fixture();
        using var env = new EnvironmentVariableScope((GcsSource.EndpointVariable, fixture.Server.BaseUrl + "/gcs"), (GcsSource.BaseUrlVariable, null));
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        string folder = Path.Combine(home.ModelsDir, model);
        TinyMediaOnnx.WriteClipModel(folder, module: "encoder.layer.11");
        File.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), TinyMediaOnnx.SquashedRawPixelsConfig);
        var (code, output, error) = CliRun.Run(home, "run", "--model", model, "--layer", "encoder.layer.11", "--benchmark", benchmark, "--metric", metric);
        var metrics = code == 0
            ? JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(home.ResultsDir, "*.json").Single())).RootElement.GetProperty("metrics").Clone()
            : default;
        return (code, output, error, metrics);
    }

    static void AssertClassifierKeys(JsonElement metrics)
    {
        foreach (string key in new[] { "gt_accuracy", "gt_f1_score", "best_val_score_during_grid_search" })
            Assert.True(metrics.GetProperty(key).ValueKind == JsonValueKind.Number, key);
        Assert.Equal(metrics.GetProperty("gt").GetArrayLength(), metrics.GetProperty("preds").GetArrayLength());
        Assert.Equal(40, metrics.GetProperty("num_classes").GetInt32());
    }

    [Theory]
    [InlineData("videomae_base")]
    [InlineData("timesformer_base")]
    public void A_clip_model_on_SSV2Benchmark_with_the_linear_classifier(string model)
    {
        var (code, output, error, metrics) = Run(model, "SSV2Benchmark", "online_linear_classifier");

        Assert.True(code == 0, error);
        Assert.Contains("score (gt_accuracy)", output);
        AssertClassifierKeys(metrics);
        Assert.Equal(9, metrics.GetProperty("grid").GetProperty("lr").GetArrayLength()); // lr x wd, 3 x 3
    }

    [Fact]
    public void Videomae_on_AugmentedSSV2Benchmark_with_the_transformer_classifier()
    {
        var (code, output, error, metrics) = Run("videomae_base", "AugmentedSSV2Benchmark", "online_transformer_classifier");

        Assert.True(code == 0, error);
        Assert.Contains("augmented training", error);
        AssertClassifierKeys(metrics);
    }
}
