using BBScore.Models.Catalog;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Architectures re-built in TorchSharp: random-init keys and checkpoints loaded with TorchSharp.PyBridge.</summary>
public sealed class TorchSharpModelFamily : IOfflineModelFamily
{
    public bool Supports(ModelCard card) => false;

    public string Status(ModelCard card, string modelsDir) => "torchsharp (coming)";

    public IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir) =>
        throw new NotSupportedException($"{card.Key} is not built in TorchSharp yet.");
}
