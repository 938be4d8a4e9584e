using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Preprocessing;

namespace BBScore.Models.TorchSharpModels.Video;

/// <summary>torchvision's video models run from their published weights: the <c>.pth</c> file at download.pytorch.org
/// is fetched once into <c>&lt;models dir&gt;/&lt;key&gt;/</c> (<see cref="CheckpointDownload"/>) and loaded strictly, by
/// torchvision's names, into the architecture written in C# (<see cref="TorchvisionVideoModels"/>).</summary>
public sealed class TorchvisionVideoFamily : IOfflineModelFamily
{
    public bool Supports(ModelCard card) => card.Source.Kind == SourceKind.UrlCheckpoint && TorchvisionVideoModels.For(card.Key) is not null;

    public string Status(ModelCard card, string modelsDir) =>
        File.Exists(CheckpointDownload.LocalPath(modelsDir, card.Key, card.Source.Origin)) ? "ready (downloaded)" : "ready (weights download on first use)";

    public IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir)
    {
        var spec = TorchvisionVideoModels.For(card.Key) ?? throw new NotSupportedException($"{card.Key} is not a torchvision video model built in C#.");
        TorchSharpModelFamily.RequireCpu(card, options);
        string path = CheckpointDownload.Ensure(modelsDir, card.Key, spec.Url, options.Offline, options.Progress);
        // The initial values are overwritten by the checkpoint; seeding only keeps construction deterministic.
        var network = SeededBuild.Construct(spec.Build, seed: 0);
        try { TorchCheckpoint.LoadInto(network, path, keys: spec.Keys); }
        catch
        {
            network.Dispose();
            throw;
        }
        var preprocessor = new NormalizingImagePreprocessor(spec.Preprocessing);
        var identity = new ModelIdentity(card.Key, ModelFileHash.Sha256(path), $"{spec.Clip.Describe()}; frames: {preprocessor.Description}; weights: {spec.Url}");
        return new TorchSharpFeatureModel(network, preprocessor, identity, clip: spec.Clip);
    }
}
