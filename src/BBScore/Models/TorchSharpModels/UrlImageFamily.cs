using System.Collections;
using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Image models run from published checkpoints at public URLs (<see cref="UrlImageModels"/>): the file is
/// fetched once into <c>&lt;models dir&gt;/&lt;key&gt;/</c> (<see cref="CheckpointDownload"/>, mirror
/// <c>BBSCORE_CHECKPOINT_URL</c>) and loaded strictly into the C# network.</summary>
public sealed class UrlImageFamily : IOfflineModelFamily
{
    public bool Supports(ModelCard card) => card.Source.Kind == SourceKind.UrlCheckpoint && UrlImageModels.For(card.Key) is not null;

    public string Status(ModelCard card, string modelsDir) =>
        File.Exists(CheckpointDownload.LocalPath(modelsDir, card.Key, card.Source.Origin)) ? "ready (downloaded)" : "ready (weights download on first use)";

    public IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir)
    {
        var spec = UrlImageModels.For(card.Key) ?? throw new NotSupportedException($"{card.Key} is not an image model built in C# from a published checkpoint.");
        TorchSharpModelFamily.RequireCpu(card, options);
        string path = CheckpointDownload.Ensure(modelsDir, card.Key, spec.Url, options.Offline, options.Progress);
        var network = BuildAndLoad(spec, path);
        var preprocessor = new NormalizingImagePreprocessor(spec.Preprocessing);
        var identity = new ModelIdentity(card.Key, ModelFileHash.Sha256(path), $"{preprocessor.Description}; weights: {spec.Url}");
        return new TorchSharpFeatureModel(network, preprocessor, identity, spec.Aliases);
    }

    /// <summary>The key's network with the checkpoint at <paramref name="path"/> loaded strictly. A key whose architecture
    /// depends on the file's training flags is built from the file's top-level dict, read once for both.</summary>
    public static nn.Module<Tensor, Tensor> BuildAndLoad(UrlImageSpec spec, string path)
    {
        Hashtable? root = spec.BuildForCheckpoint is null ? null : TorchCheckpoint.ReadRoot(path);
        // The initial values are overwritten by the checkpoint; seeding only keeps construction deterministic.
        var network = SeededBuild.Construct(root is null ? spec.Build : () => spec.BuildForCheckpoint!(root, path), seed: 0);
        try
        {
            if (root is null) TorchCheckpoint.LoadInto(network, path);
            else TorchCheckpoint.LoadInto(network, [(path, TorchCheckpoint.StateDictIn(root, path))]);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return network;
    }
}
