using BBScore.Models.Layers;
using BBScore.Models.Preprocessing;
using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>Opens any image-model .onnx file. Layers are PyTorch module paths recovered from the
/// node names (<see cref="PyTorchScopeIndex"/>); a graph without such names lists every node output.
/// Preprocessing comes from a <c>preprocessor_config.json</c> beside the file, else the ImageNet
/// default at the graph's input size.</summary>
public static class OnnxFileModel
{
    public static OnnxFeatureModel Open(string path, ModelOpenOptions options)
    {
        OnnxSessionFactory.ParseDevice(options.Device);
        var file = OnnxModelFile.Load(path);
        var graph = file.Model.Graph;
        var input = OnnxImageInput.Find(graph);
        var batchMode = OnnxGraphEditor.FreeBatchDimension(graph, input.Name);
        var layers = new LayerTable(ModuleLayers(graph), OnnxGraphEditor.RawNames(graph));
        var preprocessor = new NormalizingImagePreprocessor(PreprocessingFor(file.Path, input));
        var identity = new ModelIdentity(file.Path, file.WeightsHash, preprocessor.Description);
        return new OnnxFeatureModel(identity, file, new OnnxImageFeeder(input, preprocessor), batchMode, layers, options);
    }

    public static ImagePreprocessSpec PreprocessingFor(string modelPath, OnnxImageInput input)
    {
        string config = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, HuggingFacePreprocessorConfig.FileName);
        if (File.Exists(config)) return HuggingFacePreprocessorConfig.Load(config);
        return ImagePreprocessSpec.ImageNetDefault(input.Height ?? 224, input.Width ?? 224);
    }

    static IReadOnlyList<LayerDefinition> ModuleLayers(GraphProto graph)
    {
        var modules = PyTorchScopeIndex.Build(graph);
        if (modules.Count > 0) return modules;
        // No PyTorch scopes (another exporter): every computed tensor is a layer, named as in the graph.
        return graph.Node
            .Where(n => n.Output.Count > 0 && n.Output[0].Length > 0 && n.OpType != "Constant")
            .Select(n => new LayerDefinition(n.Output[0], n.Name.Length > 0 && n.Name != n.Output[0] ? [n.Name] : [], n.Output[0]))
            .ToList();
    }
}
