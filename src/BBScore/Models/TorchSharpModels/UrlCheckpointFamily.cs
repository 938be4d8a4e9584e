using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>A key run from a published <c>torch.save</c> file at a public URL: the network it loads into, the frames'
/// preprocessing, and for clip models how clips are taken and outputs regrouped.</summary>
public interface IUrlCheckpointSpec
{
    string Key { get; }
    string Url { get; }
    ImagePreprocessSpec Preprocessing { get; }

    /// <summary>Null for image models.</summary>
    TorchClipSpec? Clip { get; }

    /// <summary>Other names of a module path (PyTorch's names where TorchVision for .NET's differ), or null.</summary>
    Func<string, IReadOnlyList<string>>? Aliases { get; }

    /// <summary>The key's network with the file at <paramref name="path"/> loaded strictly.</summary>
    nn.Module<Tensor, Tensor> BuildAndLoad(string path);
}

/// <summary>Image and video models run from published checkpoints at public URLs (<see cref="UrlImageModels"/>,
/// <see cref="TorchvisionVideoModels"/>): the file is fetched once into <c>&lt;models dir&gt;/&lt;key&gt;/</c>
/// (<see cref="CheckpointDownload"/>, mirror <c>BBSCORE_CHECKPOINT_URL</c>) and loaded strictly into the C# network.</summary>
public sealed class UrlCheckpointFamily : IOfflineModelFamily
{
    static IUrlCheckpointSpec? For(string key) => (IUrlCheckpointSpec?)UrlImageModels.For(key) ?? TorchvisionVideoModels.For(key);

    public bool Supports(ModelCard card) => card.Source.Kind == SourceKind.UrlCheckpoint && For(card.Key) is not null;

    public string Status(ModelCard card, string modelsDir) =>
        File.Exists(CheckpointDownload.LocalPath(modelsDir, card.Key, card.Source.Origin)) ? "ready (downloaded)" : "ready (weights download on first use)";

    public IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir)
    {
        var spec = For(card.Key) ?? throw new NotSupportedException($"{card.Key} is not a model built in C# from a published checkpoint.");
        TorchSharpModelFamily.RequireCpu(card, options);
        string path = CheckpointDownload.Ensure(modelsDir, card.Key, spec.Url, options.Offline, options.Progress);
        var network = spec.BuildAndLoad(path);
        var preprocessor = new NormalizingImagePreprocessor(spec.Preprocessing);
        string input = spec.Clip is { } clip ? $"{clip.Describe()}; frames: {preprocessor.Description}" : preprocessor.Description;
        var identity = new ModelIdentity(card.Key, ModelFileHash.Sha256(path), $"{input}; weights: {spec.Url}");
        return new TorchSharpFeatureModel(network, preprocessor, identity, spec.Aliases, spec.Clip);
    }

    /// <summary>Builds with <paramref name="build"/> (seeded: the checkpoint overwrites the initial values, the seed
    /// only keeps construction deterministic), then loads; the network is disposed if the load fails.</summary>
    internal static nn.Module<Tensor, Tensor> BuildThenLoad(Func<nn.Module<Tensor, Tensor>> build, Action<nn.Module<Tensor, Tensor>> load)
    {
        var network = SeededBuild.Construct(build, seed: 0);
        try { load(network); }
        catch
        {
            network.Dispose();
            throw;
        }
        return network;
    }
}
