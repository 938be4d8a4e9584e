using BBScore.Models.Catalog;
using BBScore.Models.Onnx;
using BBScore.Models.Preprocessing;

namespace BBScore.Models.TorchSharpModels;

/// <summary>Architectures re-built in TorchSharp (TorchVision for .NET): seeded random initialisations,
/// and the scaling ResNets loaded from the original's S3 checkpoints with TorchSharp.PyBridge.</summary>
public sealed class TorchSharpModelFamily : IOfflineModelFamily
{
    public bool Supports(ModelCard card) => TorchSharpModelSpec.For(card) != null;

    public string Status(ModelCard card, string modelsDir)
    {
        var spec = TorchSharpModelSpec.For(card) ?? throw new NotSupportedException($"{card.Key} is not built in TorchSharp.");
        if (spec.Checkpoint is null) return "ready (offline)";
        return File.Exists(CheckpointDownload.LocalPath(modelsDir, card.Key, spec.Checkpoint))
            ? "ready (downloaded)" : "s3 checkpoint (download on first use)";
    }

    public IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir)
    {
        var spec = TorchSharpModelSpec.For(card) ?? throw new NotSupportedException($"{card.Key} is not built in TorchSharp.");
        RequireCpu(card, options);
        return Open(spec, modelsDir, options.Offline, options.Progress);
    }

    /// <summary>Refuses a device other than the CPU: BBScore.NET ships the CPU build of libtorch.</summary>
    public static void RequireCpu(ModelCard card, ModelOpenOptions options)
    {
        if (!string.Equals(options.Device, "cpu", StringComparison.OrdinalIgnoreCase))
            throw new NotSupportedException($"{card.Key} runs on the CPU build of libtorch; --device {options.Device} is not available for it.");
    }

    public static TorchSharpFeatureModel Open(TorchSharpModelSpec spec, string modelsDir, bool offline = false, Progress.IProgressSink? progress = null)
    {
        var preprocessor = new NormalizingImagePreprocessor(spec.Preprocessing);
        if (spec.Checkpoint is null)
        {
            var random = SeededBuild.Build(spec.Architecture, spec.Classes, spec.Seed, spec.Init);
            string description = spec.Clip is null ? preprocessor.Description : $"{spec.Clip.Describe()}; frames: {preprocessor.Description}";
            return new TorchSharpFeatureModel(random, preprocessor, new ModelIdentity(spec.Key, spec.RandomWeightsHash(), description),
                module => TorchArchitectures.Aliases(spec.Architecture, module), spec.Clip);
        }
        string path = CheckpointDownload.Ensure(modelsDir, spec.Key, spec.Checkpoint, offline, progress);
        // The initial values are overwritten by the checkpoint; seeding only keeps construction deterministic.
        var network = SeededBuild.Build(spec.Architecture, spec.Classes, 0, SeededBuild.Init.Default);
        try { TorchCheckpoint.LoadInto(network, path, spec.Ema); }
        catch
        {
            network.Dispose();
            throw;
        }
        return new TorchSharpFeatureModel(network, preprocessor, new ModelIdentity(spec.Key, ModelFileHash.Sha256(path), preprocessor.Description),
            module => TorchArchitectures.Aliases(spec.Architecture, module));
    }
}
