using System.Text.Json;
using BBScore.Data;
using BBScore.Tests.Inputs;
using BBScore.Tests.Models.Hub;
using BBScore.Tests.Physion.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Physion;

/// <summary>The lecture's three Physion commands, as written, on the Physion fixture served at the bucket's paths (clips,
/// CSVs and the human-response files), with tiny models under the lecture's keys (a local clip export, and an image
/// model from the loopback hub): the physion_* metrics
/// store their human comparison beside the classifier's keys, and the linear classifier reads contact out of an image
/// model's frames.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class PhysionLectureCommandsTests
{
    /// <param name="clipModel">True: a tiny clip model exported locally under the key; false: a tiny image model served by the
    /// loopback hub under the key's repository (downloaded on first use, as a user's first run does).</param>
    static (int Code, string Out, string Err, JsonElement Metrics) Run(string model, string layer, bool clipModel, string benchmark, string metric)
    {
        using var dir = new TempDir();
        using var fixture = new PhysionFixture();
        using var env = fixture.Mirror();
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        using var hub = clipModel ? null : TinyModelHub.ImageModel();
        if (clipModel)
        {
            string folder = Path.Combine(home.ModelsDir, model);
            TinyMediaOnnx.WriteClipModel(folder, module: "encoder.layer.11");
            File.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), TinyMediaOnnx.SquashedRawPixelsConfig);
        }
        var (code, output, error) = CliRun.Run(home, "run", "--model", model, "--layer", layer, "--benchmark", benchmark, "--metric", metric);
        var metrics = code == 0
            ? JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(home.ResultsDir, "*.json").Single())).RootElement.GetProperty("metrics").Clone()
            : default;
        return (code, output, error, metrics);
    }

    static void AssertNumbers(JsonElement metrics, params string[] keys)
    {
        foreach (string key in keys)
            Assert.True(metrics.GetProperty(key).ValueKind is JsonValueKind.Number or JsonValueKind.Null, key); // κ may be NaN (null) on tiny data
    }

    [Fact]
    public void Videomae_on_OnlinePhysionContactDetection_with_physion_contact_detection()
    {
        var (code, output, error, metrics) = Run("videomae_base", "encoder.layer.11", clipModel: true, "OnlinePhysionContactDetection", "physion_contact_detection");

        Assert.True(code == 0, error);
        Assert.Contains("physion_contact_cohen_kappa", output);
        AssertNumbers(metrics, "gt_accuracy", "gt_f1_score", "physion_contact_cohen_kappa", "physion_contact_error", "physion_contact_model_accuracy");
        Assert.True(metrics.GetProperty("physion_contact_scenario_kappa").GetArrayLength() > 0); // one κ per scenario (names under labels)
        Assert.Equal(metrics.GetProperty("physion_contact_scenario_kappa").GetArrayLength(), metrics.GetProperty("physion_contact_scenario_accuracy").GetArrayLength());
    }

    [Fact]
    public void Videomae_on_OnlinePhysionPlacementPrediction_with_physion_placement_prediction()
    {
        var (code, output, error, metrics) = Run("videomae_base", "encoder.layer.11", clipModel: true, "OnlinePhysionPlacementPrediction", "physion_placement_prediction");

        Assert.True(code == 0, error);
        Assert.Contains("physion_placement_score", output);
        AssertNumbers(metrics, "gt_accuracy", "physion_placement_score", "physion_placement_accuracy_model_human", "physion_placement_accuracy_model_gt",
            "physion_placement_chebyshev_distance_model_human", "physion_placement_euclidean_distance_model_gt");
        Assert.Equal(256, metrics.GetProperty("num_classes").GetInt32());
    }

    [Fact]
    public void Dinov2_blocks_11_on_OnlinePhysionContactPrediction_with_the_linear_classifier()
    {
        var (code, output, error, metrics) = Run("dinov2_base", "blocks.11", clipModel: false, "OnlinePhysionContactPrediction", "online_linear_classifier");

        Assert.True(code == 0, error);
        Assert.Contains("score (gt_accuracy)", output);
        AssertNumbers(metrics, "gt_accuracy", "gt_f1_score");
        Assert.Equal(2, metrics.GetProperty("num_classes").GetInt32());
    }
}
