using System.Globalization;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;

namespace BBScore.Models.TorchSharpModels.Vjepa2;

/// <summary>The V-JEPA 2 checkpoints on the hub (VJEPA2Model; a VJEPA2ForVideoClassification checkpoint's encoder
/// under <c>vjepa2.</c>, its attentive pooler and classifier ignored, as the original's AutoModel drops them).
/// <c>VJEPA2</c>: clips of the config's <c>frames_per_clip</c>, tokens grouped in blocks of one tubelet's grid
/// (256), (B, N/256, 256·D). <c>TimebinVJEPA</c> (vjepa2_tb01 … tb18, facebook/vjepa2-vitg-fpc64-256): 3 + 2·(i − 1)
/// frames, an image repeated into a still clip, the last 256 tokens kept.</summary>
public static class Vjepa2HubArchitectures
{
    static readonly StateDictKeyMap Keys = new()
    {
        Rewrites = [KeyRewrite.Prefix("vjepa2.", "")],
        Ignored = [@"^(vjepa2\.)?predictor\.", @"^pooler\.", @"^classifier\."],
    };

    public static HubArchitecture Vjepa2 { get; } = new("VJEPA2", Keys, (_, json, path) =>
    {
        var config = Vjepa2Config.Parse(json, path);
        return Network(config, new TorchClipSpec(config.FramesPerClip, null, new TokenFold.GroupsOf(config.TokensPerTubelet)));
    });

    public static HubArchitecture Timebin { get; } = new("TimebinVJEPA", Keys, (card, json, path) =>
    {
        var config = Vjepa2Config.Parse(json, path);
        return Network(config, new TorchClipSpec(TimebinFrames(card), null, new TokenFold.LastTokens(config.TokensPerTubelet)));
    });

    /// <summary>Frames of time bin i (vjepa2_tb<i>NN</i>): 3, 5, 7, … 37, the original's 3 + 2·(i − 1).</summary>
    public static int TimebinFrames(ModelCard card)
    {
        const string prefix = "vjepa2_tb";
        return card.Key.StartsWith(prefix, StringComparison.Ordinal)
               && int.TryParse(card.Key.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int bin) && bin >= 1
            ? 3 + 2 * (bin - 1)
            : throw new ArgumentException($"{card.Key} is not a V-JEPA 2 time-bin key (vjepa2_tbNN).", nameof(card));
    }

    static HubNetwork Network(Vjepa2Config config, TorchClipSpec clip) =>
        // Under SeededBuild's lock: construction draws initial values from torch's process-wide generator, which a
        // seeded random-init model built at the same time must have to itself (the checkpoint overwrites them here).
        new(SeededBuild.Construct(() => new Vjepa2Model(config), seed: 0), clip, config.CropSize, Preprocessing(config.CropSize));

    /// <summary>The repositories publish their video processor's settings in video_preprocessor_config.json, which is not
    /// fetched: VJEPA2VideoProcessor's as published, shorter side to ⌊crop·256/224⌋ (292 for 256) bilinear, centre crop,
    /// ImageNet mean and std (V-JEPA 2's evaluation transform).</summary>
    static ImagePreprocessSpec Preprocessing(int crop)
    {
        int resize = crop * 256 / 224;
        return new($"VJEPA2VideoProcessor: resize shorter side {resize} (bilinear), centre-crop {crop}, ImageNet normalisation",
            new ResizeShortestEdge(resize), PilResampleFilter.Bilinear, (crop, crop), 1.0 / 255.0,
            ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);
    }
}
