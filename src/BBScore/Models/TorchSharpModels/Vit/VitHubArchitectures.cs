namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>The ViT-family checkpoints on the hub: ViT (ViTForImageClassification's module paths,
/// <c>vit.encoder.layer.N</c>; images, clips frame by frame), VideoMAE (VideoMAEModel; 16-frame clips at 6.25 fps,
/// tokens folded into frames as the original does), ViT-MAE (ViTMAEForPreTraining's encoder, <c>vit.encoder.layer.N</c>),
/// I-JEPA (IJepaModel, <c>encoder.layer.N</c>), DINOv2 (Dinov2Model, <c>encoder.layer.N</c>) and BLIP's vision tower
/// (BlipVisionModel, <c>encoder.layers.N</c>). Every tensor of a checkpoint is loaded or named here as ignored.</summary>
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

    public static HubArchitecture Mae { get; } = new("MAE",
        new StateDictKeyMap
        {
            // ViTMAEForPreTraining's encoder sits under vit. (the original's layers: vit.encoder.layer.N); a bare
            // ViTMAEModel checkpoint's keys are put there too.
            Rewrites = [KeyRewrite.Pattern(@"^(embeddings|encoder|layernorm)\.", "vit.$1.")],
            // The pixel decoder (decoder_embed, mask_token, decoder_pos_embed, decoder_layers, decoder_norm, decoder_pred).
            Ignored = [@"^decoder\."],
        },
        (_, json, path) => Build(json, path, clip: null));

    public static HubArchitecture IJepa { get; } = new("IJEPA",
        new StateDictKeyMap
        {
            // AutoModel loads IJepaModel, whose modules sit at the top (encoder.layer.N).
            Rewrites = [KeyRewrite.Prefix("ijepa.", "")],
            Ignored = [@"^(ijepa\.)?pooler\.", @"^classifier\."],
        },
        (_, json, path) => Build(json, path, clip: null));

    public static HubArchitecture Dinov2 { get; } = new("DINOv2",
        new StateDictKeyMap
        {
            // Dinov2Model's mask token replaces masked patches in pre-training only; the forward here never masks.
            Ignored = [@"^embeddings\.mask_token$"],
        },
        (_, json, path) => Build(json, path, clip: null));

    public static HubArchitecture Blip { get; } = new("BLIP",
        new StateDictKeyMap
        {
            // The original keeps model.vision_model of AutoModel's BlipModel: the tower's modules at the top.
            Rewrites = [KeyRewrite.Prefix("vision_model.", "")],
            // What the four published heads add around the tower: the captioning/VQA text decoder, the VQA/ITM text
            // encoder, the ITM projections and head, BlipModel's text model and contrastive projections.
            Ignored = [@"^text_decoder\.", @"^text_encoder\.", @"^text_model\.", @"^vision_proj\.", @"^text_proj\.", @"^itm_head\.",
                       @"^visual_projection\.", @"^text_projection\.", @"^logit_scale$"],
        },
        (_, json, path) =>
        {
            var config = HfBlipConfig.Parse(json, path);
            return new HubNetwork(Construct(() => new BlipVisionModel(config)), null, config.ImageSize);
        });

    static HubNetwork Build(string json, string path, Func<VitConfig, TorchClipSpec>? clip)
    {
        var config = HfVitConfig.Parse(json, path);
        return new HubNetwork(Construct(() => new VisionTransformer(config)), clip?.Invoke(config), config.ImageSize);
    }

    /// <summary>Construction draws the layers' initial weights from torch's process-wide generator, which the checkpoint
    /// then overwrites; it goes through <see cref="SeededBuild"/>'s lock so that it does not draw from the stream of a
    /// random-init model being built at the same time.</summary>
    static T Construct<T>(Func<T> build) where T : TorchSharp.torch.nn.Module => SeededBuild.Construct(build, seed: 0);
}
