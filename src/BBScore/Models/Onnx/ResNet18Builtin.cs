using BBScore.Models.Layers;
using BBScore.Models.Preprocessing;

namespace BBScore.Models.Onnx;

/// <summary>The built-in <c>resnet18</c>: the ImageNet-trained ResNet-18 that the NuGet package
/// Microsoft.ML.DnnImageFeaturizer.ResNet18 ships (a CNTK 2.6 export, opset 8, no classifier), with
/// that package's own preprocessing. The package's build props copy both graphs into every output
/// folder, so it runs on a fresh machine without downloads. Layer names: see docs/LAYERS.md.</summary>
public static class ResNet18Builtin
{
    public const string Key = "resnet18";

    public const string Source =
        "NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1: ImageNet ResNet-18 (CNTK 2.6 ONNX export, pooled 512-d output, no classifier)";

    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    public static string PreprocessPath => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    public static bool IsInstalled => File.Exists(ModelPath) && File.Exists(PreprocessPath);

    public static ModelCardSummary Summary() => new(Key, "image", Source, IsInstalled ? "ready" : "missing");

    public static OnnxFeatureModel Open(ModelOpenOptions options)
    {
        OnnxSessionFactory.ParseDevice(options.Device);
        if (!IsInstalled)
            throw new FileNotFoundException(
                $"The built-in {Key} comes from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18, whose files " +
                $"should be at {ModelPath} and {PreprocessPath}; rebuild BBScore to restore them.", ModelPath);
        var file = OnnxModelFile.Load(ModelPath);
        var graph = file.Model.Graph;
        var input = OnnxImageInput.Find(graph);
        var batchMode = OnnxGraphEditor.FreeBatchDimension(graph, input.Name);
        var layers = new LayerTable(ResNet18GraphLayers.Build(graph), OnnxGraphEditor.RawNames(graph));
        var preprocessor = CntkMeanImagePreprocessor.Load(PreprocessPath);
        var identity = new ModelIdentity(Key, file.WeightsHash, preprocessor.Description);
        return new OnnxFeatureModel(identity, file, new OnnxImageFeeder(input, preprocessor), batchMode, layers, options);
    }
}
