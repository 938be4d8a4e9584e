using System.Security.Cryptography;
using System.Text;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;

namespace BBScore.Models.TorchSharpModels;

/// <summary>How one key is built: architecture, class count, where the weights come from, preprocessing.</summary>
/// <param name="Checkpoint">The original's checkpoint URL; null for a random initialisation.</param>
/// <param name="Seed">Seed of torch's generator for a random initialisation.</param>
/// <param name="Clip">Set for a network that takes whole clips.</param>
public sealed record TorchSharpModelSpec(
    string Key, string Architecture, int Classes, string? Checkpoint, long Seed, SeededBuild.Init Init, ImagePreprocessSpec Preprocessing,
    bool Ema = false, TorchClipSpec? Clip = null)
{
    /// <summary>Stands in for a weights hash for random weights: everything that fixes them.</summary>
    public string RandomWeightsHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"random-init seed {Seed} {Architecture} classes {Classes} init {Init}")));

    /// <summary>torchvision-style transform: resize (Pillow bilinear), centre crop 224, ImageNet normalisation.</summary>
    static ImagePreprocessSpec ImageNet(string origin, ResizeRule resize, PilResampleFilter filter = PilResampleFilter.Bilinear, int crop = 224) =>
        new(origin, resize, filter, (crop, crop), 1.0 / 255.0, ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

    /// <summary>The spec for a card this family builds, or null.</summary>
    public static TorchSharpModelSpec? For(ModelCard card)
    {
        string key = card.Key;
        if (key == "alexnet_untrained")
            return new(key, "alexnet", 1000, null, 0, SeededBuild.Init.Default,
                ImageNet("torchvision transform (Resize(256), CenterCrop(224), ToTensor, Normalize)", new ResizeShortestEdge(256)));
        if (key == "Random-resnext101_32x8d_wsl")
            return new(key, "resnext101_32x8d", 1000, null, 0, SeededBuild.Init.KaimingNormal,
                ImageNet("as resnext101_32x8d_wsl (Resize(256), CenterCrop(224), ToTensor, Normalize)", new ResizeShortestEdge(256)));
        if (key == "Random-convnext_large_imagenet_full_seed-0")
            return new(key, "convnext_large", 1000, null, 0, SeededBuild.Init.KaimingNormal,
                ImageNet("as convnext_large_imagenet_full_seed-0 (Resize 256x256 bicubic, CenterCrop 224, Normalize)", new ResizeToSize(256, 256), PilResampleFilter.Bicubic));
        if (key == "Random-VideoMAE-V1-L")
            // VideoMAEImageProcessor's defaults (MCG-NJU/videomae-large): shorter side 224 bilinear, centre crop 224.
            return new(key, "videomae_large", 0, null, 0, SeededBuild.Init.KaimingNormal,
                ImageNet("as videomae_large (VideoMAEImageProcessor: shorter side 224, CenterCrop 224, Normalize)", new ResizeShortestEdge(224)),
                Clip: new TorchClipSpec(16, 6.25, new TokenFold.IntoFrames(16)));
        if (card.Source.Kind == SourceKind.S3Checkpoint && ScalingArchitecture(key) is { } arch)
        {
            // The original's deit/convnext scaling models use the EMA weights and bicubic resizing.
            bool transformerLike = arch.StartsWith("convnext", StringComparison.Ordinal) || arch.StartsWith("deit3", StringComparison.Ordinal);
            var filter = transformerLike ? PilResampleFilter.Bicubic : PilResampleFilter.Bilinear;
            // The original's configs.json sizes: 256/224, but EfficientNet-B1 255/240 and -B2 288/288.
            var (resize, crop) = arch switch { "efficientnet_b1" => (255, 240), "efficientnet_b2" => (288, 288), _ => (256, 224) };
            return new(key, arch, key.Contains("_ecoset_", StringComparison.Ordinal) ? 565 : 1000, card.Source.Origin, 0, SeededBuild.Init.Default,
                // albumentations Resize(r, r) → CenterCrop(c) in the original (OpenCV); here Pillow.
                ImageNet($"scaling_models transform (Resize {resize}x{resize} {filter.ToString().ToLowerInvariant()}, CenterCrop {crop}, Normalize)",
                    new ResizeToSize(resize, resize), filter, crop),
                Ema: transformerLike);
        }
        return null;
    }

    /// <summary>The torchvision architecture of a scaling key (<c>resnet50_imagenet_10_seed-0</c> → <c>resnet50</c>,
    /// <c>convnext_small_imagenet_full_seed-0</c> → <c>convnext_small</c>, <c>deit_base_imagenet_full_seed-0</c> →
    /// <c>deit3_base</c>, <c>efficientnet_b1_imagenet_full</c> → <c>efficientnet_b1</c>); null for none.</summary>
    static string? ScalingArchitecture(string key)
    {
        int cut = key.IndexOf("_imagenet", StringComparison.Ordinal);
        if (cut < 0) cut = key.IndexOf("_ecoset", StringComparison.Ordinal);
        if (cut < 0) return null;
        string arch = key[..cut];
        // The deit keys are timm's DeiT III (deit_small_… → deit3_small_patch16_224).
        if (arch.StartsWith("deit_", StringComparison.Ordinal)) arch = "deit3_" + arch["deit_".Length..];
        return TorchArchitectures.Has(arch) ? arch : null;
    }
}
