using BBScore.Data;
using BBScore.Models.Catalog;
using BBScore.Models.Hub;
using BBScore.Models.Onnx;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels.Vit;
using BBScore.Numerics;
using BBScore.Stimuli;
using TorchSharp;

namespace BBScore.Models.TorchSharpModels;

/// <summary>
/// Models whose published Hugging Face weights load into an architecture written in C#, so they run without
/// Python or an ONNX export: the repository's <c>model.safetensors</c> and <c>config.json</c> (and
/// <c>preprocessor_config.json</c> when it has one) are fetched once, at a pinned commit, through the hub fetcher;
/// the network is built from <c>config.json</c> (<see cref="HfVitConfig"/>) and loaded strictly (every parameter
/// present with its shape, every tensor of the file used or listed as ignored by the family's key map).
/// Families: ViT (ViTForImageClassification's module paths, <c>vit.encoder.layer.N</c>; a bare ViTModel checkpoint's
/// keys are put under <c>vit.</c>, its pooler ignored; images, clips frame by frame) and VideoMAE (VideoMAEModel: a
/// VideoMAEForPreTraining checkpoint's <c>videomae.</c> encoder, its decoder ignored; 16-frame clips at 6.25 fps,
/// tokens folded into frames as the original does).
/// </summary>
public sealed class HubCheckpointFamily : IOfflineModelFamily
{
    /// <summary>How one family's checkpoints become a network: its key map, and its clip input (null for images).</summary>
    sealed record Architecture(StateDictKeyMap Keys, Func<VitConfig, TorchClipSpec?> Clip);

    static readonly Dictionary<string, Architecture> Families = new(StringComparer.Ordinal)
    {
        ["VisionTransformer"] = new(
            new StateDictKeyMap
            {
                // A bare ViTModel checkpoint (vit-huge-patch14-224-in21k) has no "vit." prefix; the original loads it into
                // ViTForImageClassification, whose modules sit under vit. (its layers: vit.encoder.layer.N).
                Rewrites = [KeyRewrite.Pattern(@"^(embeddings|encoder|layernorm)\.", "vit.$1.")],
                Ignored = [@"^(vit\.)?pooler\."],
            },
            _ => null),
        ["VideoMAE"] = new(
            new StateDictKeyMap
            {
                Rewrites = [KeyRewrite.Prefix("videomae.", "")],
                // VideoMAEForPreTraining's decoder and its bridge; a fine-tuned checkpoint's head.
                Ignored = [@"^decoder\.", @"^encoder_to_decoder\.", @"^mask_token$", @"^fc_norm\.", @"^classifier\."],
            },
            config => new TorchClipSpec(config.Frames, 6.25, FoldTokensIntoFrames: true)),
    };

    public bool Supports(ModelCard card) => card.Source.Kind == SourceKind.HubCheckpoint && Families.ContainsKey(card.Family);

    public string Status(ModelCard card, string modelsDir) =>
        HubModelFiles.For(card, modelsDir).IsComplete ? "ready (downloaded)" : "ready (weights download on first use)";

    public IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir)
    {
        var family = Families.GetValueOrDefault(card.Family) ?? throw new NotSupportedException($"{card.Key}: the {card.Family} family is not built in C#.");
        if (!string.Equals(options.Device, "cpu", StringComparison.OrdinalIgnoreCase))
            throw new NotSupportedException($"{card.Key} runs on the CPU build of libtorch; --device {options.Device} is not available for it.");
        var snapshot = HubModel.Download(card, modelsDir, options);
        var files = snapshot.Files;
        if (!File.Exists(files.ModelConfigPath))
            throw new InvalidDataException($"{card.Key}: the hub repository {files.Repo} has no config.json, which the C# architecture is built from.");
        var config = HfVitConfig.Parse(File.ReadAllText(files.ModelConfigPath), files.ModelConfigPath);
        var preprocessor = new NormalizingImagePreprocessor(File.Exists(files.ConfigPath)
            ? HuggingFacePreprocessorConfig.Load(files.ConfigPath)
            : DefaultPreprocessing(config));
        TorchRuntime.EnsureLoaded();
        var network = new VisionTransformer(config);
        try
        {
            // A file that is not valid safetensors was damaged in transit: moved aside, fetched again next run. A valid
            // file that does not fit the network is not damaged, and is kept (the error names the keys).
            using var weights = DamagedDataFile.Read(files.GraphPath, () => Formats.Safetensors.SafetensorsFile.Open(files.GraphPath));
            SafetensorsCheckpoint.LoadInto(network, weights, family.Keys);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        var clip = family.Clip(config);
        string description = clip is null ? preprocessor.Description : $"{clip.Describe()}; frames: {preprocessor.Description}";
        var identity = new ModelIdentity(card.Key, ModelFileHash.Sha256(files.GraphPath), $"{description}; weights: hub {files.Provenance}");
        return new TorchSharpFeatureModel(network, preprocessor, identity, clip: clip);
    }

    /// <summary>Without a preprocessor_config.json: shorter side to the config's image size, centre crop, ImageNet norm.</summary>
    static ImagePreprocessSpec DefaultPreprocessing(VitConfig config) =>
        new($"resize shorter side {config.ImageSize} (bilinear), centre-crop {config.ImageSize}, ImageNet normalisation (no preprocessor_config.json)",
            new ResizeShortestEdge(config.ImageSize), PilResampleFilter.Bilinear, (config.ImageSize, config.ImageSize), 1.0 / 255.0,
            ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);
}
