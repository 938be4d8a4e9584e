using BBScore.Data;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Pipeline.Preflight;
using BBScore.Tests.Inputs;
using BBScore.Tests.Support;

namespace BBScore.Tests.Preflight;

/// <summary>The preflight's feature sizes on a clip benchmark: an image model runs each of BMD's 30 sampled frames and
/// keeps them all (30 × its per-image size), a clip model gives one output per clip.</summary>
public class ClipFeatureSizeTests
{
    static readonly Dictionary<string, string> Dense = new() { ["dense"] = "encoder.layer.11" };

    [Fact]
    public void An_image_model_counts_every_frame_and_a_clip_model_one_clip()
    {
        using var dir = new TempDir();
        dir.WriteText("preprocessor_config.json", TinyMediaOnnx.SquashedRawPixelsConfig);
        string image = Path.Combine(dir.Path, "image"), clip = Path.Combine(dir.Path, "clip");
        TinyMediaOnnx.WriteImageModel(image, "encoder.layer.11");
        TinyMediaOnnx.WriteClipModel(clip, module: "encoder.layer.11");
        foreach (string folder in new[] { image, clip }) File.Copy(Path.Combine(dir.Path, "preprocessor_config.json"), Path.Combine(folder, "preprocessor_config.json"));
        using var imageModel = OnnxFileModel.Open(Path.Combine(image, "model.onnx"), new ModelOpenOptions(), InputKind.Image);
        using var clipModel = OnnxFileModel.Open(Path.Combine(clip, "model.onnx"), new ModelOpenOptions(), InputKind.Video);

        Assert.Equal(3, RunPreflight.Layers(imageModel, Dense).Single().Features);
        Assert.Equal(30 * 3, RunPreflight.Layers(imageModel, Dense, frames: 30).Single().Features);
        Assert.Equal(3, RunPreflight.Layers(clipModel, Dense, frames: 30).Single().Features);
    }

    [Fact]
    public void Check_on_a_BMD_benchmark_reports_the_frame_wise_size_before_anything_is_downloaded()
    {
        using var dir = new TempDir();
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        string folder = Path.Combine(home.ModelsDir, "resnet50");
        TinyMediaOnnx.WriteImageModel(folder, "resnet.encoder.stages.3");
        File.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), TinyMediaOnnx.SquashedRawPixelsConfig);

        var (code, output, error) = CliRun.Run(home, "check", "--benchmark", "BMD_FFA", "--model", "resnet50",
            "--layer", "_orig_mod.resnet.encoder.stages.3", "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("1,000 train + 102 test", output);
        Assert.Contains("_orig_mod.resnet.encoder.stages.3: 90 per stimulus", output);
        Assert.False(Directory.Exists(home.DatasetsDir) && Directory.EnumerateFiles(home.DatasetsDir, "*", SearchOption.AllDirectories).Any());
    }
}
