namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>The ViT-family checkpoints on the hub: ViT (ViTForImageClassification's module paths,
/// <c>vit.encoder.layer.N</c>; images, clips frame by frame) and VideoMAE (VideoMAEModel; 16-frame clips at 6.25 fps,
/// tokens folded into frames as the original does).</summary>
public static class VitHubArchitectures
{
    public static HubArchitecture VisionTransformer { get; } = new("VisionTransformer",
        new StateDictKeyMap
        {
            // A bare ViTModel checkpoint (vit-huge-patch14-224-in21k) has no "vit." prefix; the original loads it into
            // ViTForImageClassification, whose modules sit under vit. (its layers: vit.encoder.layer.N).
            Rewrites = [KeyRewrite.Pattern(@"^(embeddings|encoder|layernorm)\.", "vit.$1.")],
            Ignored = [@"^(vit\.)?pooler\."],
        },
        (_, json, path) => Build(json, path, clip: null));

    public static HubArchitecture VideoMae { get; } = new("VideoMAE",
        new StateDictKeyMap
        {
            Rewrites = [KeyRewrite.Prefix("videomae.", "")],
            // VideoMAEForPreTraining's decoder and its bridge; a fine-tuned checkpoint's head.
            Ignored = [@"^decoder\.", @"^encoder_to_decoder\.", @"^mask_token$", @"^fc_norm\.", @"^classifier\."],
        },
        (_, json, path) => Build(json, path, config => new TorchClipSpec(config.Frames, 6.25, new TokenFold.IntoFrames(config.Frames))));

    static HubNetwork Build(string json, string path, Func<VitConfig, TorchClipSpec>? clip)
    {
        var config = HfVitConfig.Parse(json, path);
        return new HubNetwork(new VisionTransformer(config), clip?.Invoke(config), config.ImageSize);
    }
}
