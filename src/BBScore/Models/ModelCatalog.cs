using BBScore.Data;
using BBScore.Models.Catalog;
using BBScore.Models.Hub;
using BBScore.Models.Onnx;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Video;
using BBScore.Models.WeightFree;

namespace BBScore.Models;

/// <summary>The models <c>--model</c> accepts: the built-in keys, the original's model keys (see
/// <see cref="ModelCards"/>) when an ONNX export of them is in the models folder or on the Hugging Face hub
/// (downloaded on first use), or a path to an .onnx file.</summary>
public static class ModelCatalog
{
    /// <summary>The families computed in-process, asked in this order before looking for ONNX files.</summary>
    public static IReadOnlyList<IOfflineModelFamily> OfflineFamilies { get; } = [new WeightFreeModelFamily(), new TorchSharpModelFamily(), new HubCheckpointFamily(), new UrlCheckpointFamily()];

    /// <summary>All 186 keys of the original, in the spec's order (resnet18 among them).</summary>
    public static IReadOnlyList<string> Keys { get; } = ModelCards.All.Select(c => c.Key).ToList();

    /// <summary>Opens a model by key or an .onnx file by path; see the overload.</summary>
    public static IFeatureModel Open(string id, ModelOpenOptions? options = null) => Open(id, options, modelsDir: null);

    /// <summary>Opens the built-in model, an .onnx file by path, or a known key whose export is at
    /// <c>&lt;modelsDir&gt;/&lt;key&gt;/model.onnx</c> (<paramref name="modelsDir"/> defaults to
    /// <see cref="DataHome.FromEnvironment"/>'s models folder), or a hub card (downloaded under
    /// <c>&lt;modelsDir&gt;/hub</c> unless <see cref="ModelOpenOptions.Offline"/>). A known key without either throws
    /// <see cref="ModelNotRunnableException"/> saying what it needs; anything else throws
    /// <see cref="UnknownNameException"/> (with close keys).</summary>
    public static IFeatureModel Open(string id, ModelOpenOptions? options, string? modelsDir)
    {
        options ??= new ModelOpenOptions();
        if (string.Equals(id, ResNet18Builtin.Key, StringComparison.OrdinalIgnoreCase)) return ResNet18Builtin.Open(options);
        if (id.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) return OnnxFileModel.Open(id, options);
        if (ModelCards.Find(id) is { } card)
        {
            string dir = modelsDir ?? DataHome.FromEnvironment().ModelsDir;
            string local = card.LocalExportPath(dir);
            if (File.Exists(local)) return OnnxFileModel.Open(local, options, card.Input, card.Key);
            if (OfflineFamilies.FirstOrDefault(f => f.Supports(card)) is { } family) return family.Open(card, options, dir);
            if (card.Source.Kind == SourceKind.OnnxHub) return HubModel.Open(card, options, dir);
            throw new ModelNotRunnableException(card, local);
        }
        throw new UnknownNameException("model", id, Keys,
            "A path to an .onnx file also works (with an optional preprocessor_config.json beside it).");
    }

    /// <summary>True when the key runs without Python given network access: built in, computed here, a public ONNX
    /// export on the hub, or published weights loaded into an architecture written in C#. The rest need an export
    /// (docs/MODELS.md lists them and why).</summary>
    public static bool RunsWithoutPython(ModelCard card) =>
        card.Source.Kind is SourceKind.BuiltIn or SourceKind.OnnxHub || OfflineFamilies.Any(f => f.Supports(card));

    /// <summary>One row per known key, with its status against <paramref name="modelsDir"/> (default: the
    /// environment's data home).</summary>
    public static IReadOnlyList<ModelCardSummary> List(string? modelsDir = null)
    {
        string dir = modelsDir ?? DataHome.FromEnvironment().ModelsDir;
        return ModelCards.All.Select(c => c.Summary(dir)).ToList();
    }
}
