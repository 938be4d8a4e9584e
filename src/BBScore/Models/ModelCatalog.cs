using BBScore.Models.Onnx;

namespace BBScore.Models;

/// <summary>The models <c>--model</c> accepts: the built-in keys, or a path to an .onnx file.</summary>
public static class ModelCatalog
{
    public static IReadOnlyList<string> Keys { get; } = [ResNet18Builtin.Key];

    /// <summary>Opens a built-in model by key or an .onnx file by path. Throws
    /// <see cref="UnknownNameException"/> (with close keys) for anything else.</summary>
    public static IFeatureModel Open(string id, ModelOpenOptions? options = null)
    {
        options ??= new ModelOpenOptions();
        if (string.Equals(id, ResNet18Builtin.Key, StringComparison.OrdinalIgnoreCase)) return ResNet18Builtin.Open(options);
        if (id.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) return OnnxFileModel.Open(id, options);
        throw new UnknownNameException("model", id, Keys,
            "A path to an .onnx file also works (with an optional preprocessor_config.json beside it).");
    }

    public static IReadOnlyList<ModelCardSummary> List() => [ResNet18Builtin.Summary()];
}
