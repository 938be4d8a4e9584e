using BBScore.Models.Catalog;
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
    /// <param name="path">The .onnx file.</param>
    /// <param name="options">Device and threads.</param>
    /// <param name="kind">The input kind from the model's card; null for a bare file (an image model).</param>
    /// <param name="id">The model id stored with results; the file path when null.</param>
    public static OnnxFeatureModel Open(string path, ModelOpenOptions options, InputKind? kind = null, string? id = null)
    {
        OnnxSessionFactory.ParseDevice(options.Device);
        var file = OnnxModelFile.Load(path);
        var graph = file.Model.Graph;
        var feeder = OnnxFeeders.For(graph, file.Path, kind, id);
        var batchMode = OnnxGraphEditor.FreeBatchDimension(graph, feeder.InputNames);
        var layers = new LayerTable(OriginalLayerAliases.Apply(ModuleLayers(graph), id), OnnxGraphEditor.RawNames(graph));
        var identity = new ModelIdentity(id ?? file.Path, file.WeightsHash, feeder.Description);
        return new OnnxFeatureModel(identity, file, feeder, batchMode, layers, options);
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
