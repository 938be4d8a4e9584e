using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Onnx;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;

namespace BBScore.Tests.Models;

/// <summary>Runs only when <c>BBSCORE_EXPORTED_MODEL_DIR</c> names a folder made by
/// <c>tools/export_onnx.py --source torchvision --name resnet18 --random-weights --out DIR/model.onnx
/// --reference DIR/reference --reference-layers conv1 bn1 layer1.0.bn1 layer4.1 avgpool fc</c>;
/// <c>.ci/run</c> makes it with Debian's python3-torch before the tests, so CI never skips it.</summary>
public sealed class ExportedModelFactAttribute : FactAttribute
{
    public const string Variable = "BBSCORE_EXPORTED_MODEL_DIR";

    public ExportedModelFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            Skip = $"{Variable} is not set (.ci/run exports a model with tools/export_onnx.py and sets it).";
    }
}

public sealed class ExportRoundTripTests
{
    static readonly string[] ReferenceLayers = ["conv1", "bn1", "layer1.0.bn1", "layer4.1", "avgpool", "fc"];

    static string Folder
    {
        get
        {
            string dir = Environment.GetEnvironmentVariable(ExportedModelFactAttribute.Variable)!;
            Assert.True(File.Exists(Path.Combine(dir, "model.onnx")),
                $"{ExportedModelFactAttribute.Variable}={dir} has no model.onnx: the export in .ci/run failed (see its output).");
            return dir;
        }
    }

    [ExportedModelFact]
    public void ExportedTorchvisionNamesAreModulePaths()
    {
        using var model = OnnxFileModel.Open(Path.Combine(Folder, "model.onnx"), new ModelOpenOptions());
        var names = model.ListLayers().Select(l => l.Name).ToHashSet();
        foreach (string name in new[] { "conv1", "bn1", "layer1.0.conv1", "layer1.0.bn1", "layer3.1.conv2", "layer4.1", "avgpool", "fc" })
            Assert.Contains(name, names);
        Assert.Equal("layer4.1", model.ResolveLayer("_orig_mod.layer4.1"));
        var shapes = model.ListLayers().ToDictionary(l => l.Name, l => l.Shape);
        Assert.Equal([512, 7, 7], shapes["layer4.1"]!);
        Assert.Equal([1000], shapes["fc"]!);
    }

    [ExportedModelFact]
    public void ExportedConfigDescribesTheTorchvisionPreprocessing()
    {
        var spec = HuggingFacePreprocessorConfig.Load(Path.Combine(Folder, HuggingFacePreprocessorConfig.FileName));
        var description = new NormalizingImagePreprocessor(spec).Description;
        Assert.Contains("256", description);
        Assert.Contains("224", description);
    }

    /// <summary>The exported graph gives PyTorch's activations (computed by the export script with forward
    /// hooks on the same weights) for the same normalised image.</summary>
    [ExportedModelFact]
    public void ExportedActivationsMatchPyTorch()
    {
        using var dir = new Support.TempDir();
        string model = Path.Combine(dir.Path, "model.onnx");
        File.CreateSymbolicLink(model, Path.Combine(Folder, "model.onnx"));
        // The reference image is fed normalised only, so this copy of the model reads no resize or crop.
        File.WriteAllText(Path.Combine(dir.Path, HuggingFacePreprocessorConfig.FileName),
            """{"do_resize": false, "do_center_crop": false, "do_normalize": true, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}""");
        var (pixels, shape) = NpyFile.ReadFloat32(Path.Combine(Folder, "reference", "image.npy"));
        var image = new RgbImage(shape[1], shape[0], pixels.Select(v => (byte)v).ToArray());

        using var opened = OnnxFileModel.Open(model, new ModelOpenOptions());
        var features = opened.Extract([image], ReferenceLayers);
        foreach (string layer in ReferenceLayers)
        {
            var (expected, expectedShape) = NpyFile.ReadFloat32(Path.Combine(Folder, "reference", layer + ".npy"));
            Assert.Equal(expectedShape, features[layer].Shape);
            double scale = expected.Max(Math.Abs);
            double worst = expected.Zip(features[layer].Data, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= 1e-4 * Math.Max(1, scale), $"{layer}: max |ONNX - PyTorch| = {worst:g3} (scale {scale:g3})");
        }
    }
}
