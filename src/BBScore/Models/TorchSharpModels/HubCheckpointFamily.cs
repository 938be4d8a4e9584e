using BBScore.Data;
using BBScore.Formats.Safetensors;
using BBScore.Models.Catalog;
using BBScore.Models.Hub;
using BBScore.Models.Onnx;
using BBScore.Models.Onnx.Feeders;
using BBScore.Models.Preprocessing;
using BBScore.Numerics;
using BBScore.Stimuli;
using TorchSharp;

namespace BBScore.Models.TorchSharpModels;

/// <summary>
/// Models whose published Hugging Face weights load into an architecture written in C#, so they run without
/// Python or an ONNX export (images, clips, or for an audio family waveforms): the repository's weights and
/// <c>config.json</c> (and <c>preprocessor_config.json</c> when it has one) are fetched once, at a pinned commit, through the hub fetcher;
/// the network is built from <c>config.json</c> by the card's family (<see cref="HubArchitectures"/>) and loaded
/// strictly (every parameter present with its shape, every tensor of the file used or listed as ignored by the
/// family's key map).
/// </summary>
public sealed class HubCheckpointFamily : IOfflineModelFamily
{
    public bool Supports(ModelCard card) => card.Source.Kind == SourceKind.HubCheckpoint && HubArchitectures.For(card.Family) is not null;

    public string Status(ModelCard card, string modelsDir) =>
        HubModelFiles.For(card, modelsDir).IsComplete ? "ready (downloaded)" : "ready (weights download on first use)";

    public IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir)
    {
        var family = HubArchitectures.For(card.Family) ?? throw new NotSupportedException($"{card.Key}: the {card.Family} family is not built in C#.");
        if (!string.Equals(options.Device, "cpu", StringComparison.OrdinalIgnoreCase))
            throw new NotSupportedException($"{card.Key} runs on the CPU build of libtorch; --device {options.Device} is not available for it.");
        var snapshot = HubModel.Download(card, modelsDir, options);
        var files = snapshot.Files;
        if (!File.Exists(files.ModelConfigPath))
            throw new InvalidDataException($"{card.Key}: the hub repository {files.Repo} has no config.json, which the C# architecture is built from.");
        TorchRuntime.EnsureLoaded();
        // A waveform network is fed as the original's Wav2Vec2FeatureExtractor(sampling_rate=16000) feeds it.
        var waveform = family.Input == InputKind.Audio ? WaveformBatch.FeatureExtractorDefaults : null;
        var (network, clip, imageSize, familyPreprocessing) = family.Build(card, File.ReadAllText(files.ModelConfigPath), files.ModelConfigPath);
        NormalizingImagePreprocessor? preprocessor;
        HubCheckpointWeights weights;
        try
        {
            preprocessor = waveform is not null ? null : new NormalizingImagePreprocessor(File.Exists(files.ConfigPath)
                ? HuggingFacePreprocessorConfig.Load(files.ConfigPath)
                : familyPreprocessing ?? DefaultPreprocessing(imageSize));
            weights = HubCheckpointWeights.Locate(files);
            LoadWeights(network, weights, family.Keys);
        }
        catch
        {
            // A bad preprocessor config or checkpoint must not leave the network's native memory behind.
            network.Dispose();
            throw;
        }
        string description = preprocessor is null ? waveform!.Describe()
            : clip is null ? preprocessor.Description : $"{clip.Describe()}; frames: {preprocessor.Description}";
        var identity = new ModelIdentity(card.Key, WeightsHash(files, weights), $"{description}; weights: hub {files.Provenance}");
        // The original's aliases for the key (DINOv2's blocks.N), as its ONNX exports have them.
        var aliases = Layers.OriginalLayerAliases.For(card.Key);
        Func<string, IReadOnlyList<string>> aliasesOf = name => aliases.Where(a => a.Value == name).Select(a => a.Key).ToList();
        return preprocessor is null
            ? TorchSharpFeatureModel.ForWaveforms(network, waveform!, identity, aliasesOf)
            : new TorchSharpFeatureModel(network, preprocessor, identity, aliasesOf, clip);
    }

    /// <summary>A file that cannot be read as its format was damaged in transit: moved aside, fetched again next run.
    /// A readable checkpoint that does not fit the network is not damaged, and is kept (the error names the keys).</summary>
    static void LoadWeights(TorchSharp.torch.nn.Module network, HubCheckpointWeights weights, StateDictKeyMap keys)
    {
        if (weights.Format == HubWeightsFormat.TorchPickle)
        {
            var tables = weights.Paths.Select(p => (p, DamagedDataFile.Read(p, () => TorchCheckpoint.ReadStateDict(p)))).ToList();
            TorchCheckpoint.LoadInto(network, tables, keys);
            return;
        }
        var opened = new List<SafetensorsFile>();
        try
        {
            foreach (string path in weights.Paths) opened.Add(DamagedDataFile.Read(path, () => SafetensorsFile.Open(path)));
            SafetensorsCheckpoint.LoadInto(network, opened, keys);
        }
        finally
        {
            foreach (var file in opened) file.Dispose();
        }
    }

    /// <summary>What fixes the weights' bytes: at a pinned commit the repository, commit, file names and sizes (a
    /// commit's files cannot change, and hashing a multi-GB checkpoint on every start costs seconds); unpinned, the
    /// files' SHA-256.</summary>
    static string WeightsHash(HubModelFiles files, HubCheckpointWeights weights)
    {
        if (!files.IsPinned) return ModelFileHash.Sha256(weights.Paths);
        string facts = files.Provenance + "\n" + string.Join("\n", weights.Paths.Select(p => $"{Path.GetFileName(p)} {new FileInfo(p).Length}"));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(facts)));
    }

    /// <summary>Without a preprocessor_config.json: shorter side to the config's image size, centre crop, ImageNet norm.</summary>
    static ImagePreprocessSpec DefaultPreprocessing(int size) =>
        new($"resize shorter side {size} (bilinear), centre-crop {size}, ImageNet normalisation (no preprocessor_config.json)",
            new ResizeShortestEdge(size), PilResampleFilter.Bilinear, (size, size), 1.0 / 255.0,
            ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);
}
