using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Formats;
using BBScore.Tests.Inputs;
using BBScore.Tests.Models.Hub;
using BBScore.Tests.Support;

namespace BBScore.Tests.Bmd;

/// <summary>The lecture's three BMD commands, word for word, against the loopback site and bucket. Their models are
/// tiny graphs with the real module paths: VideoMAE and ResNet-50 as local exports (<c>&lt;home&gt;/models/&lt;key&gt;</c>),
/// DINOv2 from the loopback hub. The cached features show what each model was given: an image model every one of
/// the 30 sampled frames (the original's static-model-on-video rule, one row per clip of 30 × units), a clip model
/// one clip at its own frame count.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class BmdLectureCommandsTests
{
    // Frames squashed to the tiny graphs' 2×2, raw pixel values.
    static int TrainClipsInFixture => 6;

    static (int Code, string Output, string Error, DataHome Home) RunLectureCommand(TempDir dir, Action<DataHome> installModel, params string[] args)
    {
        using var server = BmdFixtureSite.Servers(BmdFixtureSite.StimulusZip(dir.Path));
        using var env = BmdFixtureSite.Mirrors(server);
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        installModel(home);
        var (code, output, error) = CliRun.Run(home, args);
        return (code, output, error, home);
    }

    static void LocalExport(DataHome home, string key, Action<string> write)
    {
        string folder = Path.Combine(home.ModelsDir, key);
        write(folder);
        File.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), TinyMediaOnnx.SquashedRawPixelsConfig);
    }

    /// <summary>The (rows, units) of the cached train features.</summary>
    static int[] TrainFeatureShape(DataHome home)
    {
        var shapes = Directory.GetFiles(home.FeaturesDir, "*.npy", SearchOption.AllDirectories)
            .Select(f => NpyFile.ReadFloat32(f).Shape).ToList();
        return shapes.Single(s => s[0] == TrainClipsInFixture);
    }

    [Fact]
    public void Videomae_encoder_layer_11_on_BMD_V1()
    {
        using var dir = new TempDir();
        var (code, output, error, home) = RunLectureCommand(dir,
            h => LocalExport(h, "videomae_base", f => TinyMediaOnnx.WriteClipModel(f, module: "encoder.layer.11")),
            "run", "--model", "videomae_base", "--layer", "encoder.layer.11", "--benchmark", "BMD_V1", "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson)", output);
        BmdFixtureSite.AssertStoredCeiling(Directory.GetFiles(home.ResultsDir, "*.json").Single(), "V1");
        Assert.Equal([TrainClipsInFixture, 3], TrainFeatureShape(home)); // one clip of 4 frames in, 3 units out
    }

    [Fact]
    public void Videomae_from_its_published_weights_on_the_hub_without_an_export()
    {
        using var dir = new TempDir();
        using var hub = new HubMirror(BBScore.Tests.Models.TorchSharp.TinyVideoMaeCheckpoint.Repo, BBScore.Tests.Models.TorchSharp.TinyVideoMaeCheckpoint.Files());
        using var endpoint = new EnvironmentVariableScope((HuggingFaceSource.EndpointVariable, hub.BaseUrl), (HuggingFaceSource.TokenVariable, null));

        var (code, output, error, home) = RunLectureCommand(dir, _ => { },
            "run", "--model", "videomae_base", "--layer", "encoder.layer.11", "--benchmark", "BMD_V1", "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson)", output);
        BmdFixtureSite.AssertStoredCeiling(Directory.GetFiles(home.ResultsDir, "*.json").Single(), "V1");
        // One 16-frame clip per stimulus: (8 tubelets × 2×2 patches) × width 16 = 512 values, folded to (16 frames, 32).
        Assert.Equal([TrainClipsInFixture, 16 * 32], TrainFeatureShape(home));
        Assert.Equal(1, hub.Requests("model.safetensors"));
    }

    [Fact]
    public void Resnet50_stage_3_with_the_compiled_prefix_on_BMD_FFA()
    {
        using var dir = new TempDir();
        var (code, output, error, home) = RunLectureCommand(dir,
            h => LocalExport(h, "resnet50", f => TinyMediaOnnx.WriteImageModel(f, "resnet.encoder.stages.3")),
            "run", "--model", "resnet50", "--layer", "_orig_mod.resnet.encoder.stages.3", "--benchmark", "BMD_FFA", "--metric", "ridge");

        Assert.True(code == 0, error);
        BmdFixtureSite.AssertStoredCeiling(Directory.GetFiles(home.ResultsDir, "*.json").Single(), "FFA");
        Assert.Equal([TrainClipsInFixture, 30 * 3], TrainFeatureShape(home)); // every sampled frame, (B, T, units) flattened
    }

    [Fact]
    public void Dinov2_blocks_11_from_the_hub_on_BMD_BMD_scores_BMDgeneral()
    {
        using var dir = new TempDir();
        using var hub = TinyModelHub.ImageModel();

        var (code, output, error, home) = RunLectureCommand(dir, _ => { },
            "run", "--model", "dinov2_base", "--layer", "blocks.11", "--benchmark", "BMD_BMD", "--metric", "ridge");

        Assert.True(code == 0, error);
        BmdFixtureSite.AssertStoredCeiling(Directory.GetFiles(home.ResultsDir, "*.json").Single(), "BMD");
        Assert.Equal([TrainClipsInFixture, 30 * 3], TrainFeatureShape(home));
    }
}
