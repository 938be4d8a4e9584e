using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Vit;
using BBScore.Numerics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>Each family built from the published config.json of one of its keys, checked against the sizes the
/// published checkpoint has. The config texts are written from the models' Hugging Face cards and transformers'
/// config defaults (encoder fields only: decoder and text fields, which nothing here reads, are left out). The large
/// networks are not allocated: a family's count is that of the network built with one layer plus (depth − 1) times
/// what a second layer adds, every layer being identical.</summary>
public class PublishedVitVariantConfigTests
{
    /// <summary>facebook/vit-mae-base (ViTMAEForPreTraining).</summary>
    const string MaeBase = """
        {"architectures": ["ViTMAEForPreTraining"], "model_type": "vit_mae", "hidden_act": "gelu", "hidden_size": 768,
         "image_size": 224, "intermediate_size": 3072, "layer_norm_eps": 1e-12, "mask_ratio": 0.75, "norm_pix_loss": false,
         "num_attention_heads": 12, "num_channels": 3, "num_hidden_layers": 12, "patch_size": 16, "qkv_bias": true,
         "decoder_hidden_size": 512, "decoder_intermediate_size": 2048, "decoder_num_attention_heads": 16, "decoder_num_hidden_layers": 8}
        """;

    /// <summary>facebook/ijepa_vith14_22k (IJepaModel).</summary>
    const string IJepaHuge14 = """
        {"architectures": ["IJepaModel"], "model_type": "ijepa", "hidden_act": "gelu", "hidden_size": 1280, "image_size": 224,
         "intermediate_size": 5120, "layer_norm_eps": 1e-06, "num_attention_heads": 16, "num_channels": 3, "num_hidden_layers": 32,
         "patch_size": 14, "qkv_bias": true, "pooler_act": "tanh", "pooler_output_size": 1280}
        """;

    /// <summary>facebook/dinov2-giant (Dinov2Model).</summary>
    const string Dinov2Giant = """
        {"architectures": ["Dinov2Model"], "model_type": "dinov2", "hidden_act": "gelu", "hidden_size": 1536, "image_size": 518,
         "layer_norm_eps": 1e-06, "layerscale_value": 1.0, "mlp_ratio": 4, "num_attention_heads": 24, "num_channels": 3,
         "num_hidden_layers": 40, "patch_size": 14, "qkv_bias": true, "drop_path_rate": 0.0, "use_swiglu_ffn": true}
        """;

    /// <summary>Salesforce/blip-image-captioning-base (BlipForConditionalGeneration): its vision_config.</summary>
    const string BlipBase = """
        {"architectures": ["BlipForConditionalGeneration"], "model_type": "blip", "projection_dim": 512,
         "vision_config": {"model_type": "blip_vision_model", "hidden_act": "gelu", "hidden_size": 768, "image_size": 384,
          "intermediate_size": 3072, "layer_norm_eps": 1e-05, "num_attention_heads": 12, "num_hidden_layers": 12, "patch_size": 16}}
        """;

    /// <summary>State-dict entries and parameters of the full-depth network, and the state dict of the one-layer one.</summary>
    static (int Keys, long Parameters, Dictionary<string, long[]> Shapes) Size(VitConfig config, Func<VitConfig, nn.Module> build)
    {
        TorchRuntime.EnsureLoaded();
        (int, long, Dictionary<string, long[]>) Of(int layers)
        {
            // Under SeededBuild's lock: construction draws from torch's process-wide generator.
            using var net = SeededBuild.Construct(() => build(config with { Layers = layers }), seed: 0);
            var state = net.state_dict();
            return (state.Count, state.Values.Sum(t => t.numel()), state.ToDictionary(e => e.Key, e => e.Value.shape));
        }
        var (keys1, parameters1, shapes) = Of(1);
        var (keys2, parameters2, _) = Of(2);
        return (keys1 + (config.Layers - 1) * (keys2 - keys1), parameters1 + (config.Layers - 1) * (parameters2 - parameters1), shapes);
    }

    [Fact]
    public void Mae_base_is_vit_base_16_without_a_head()
    {
        var config = HfVitConfig.Parse(MaeBase, "vit-mae-base");
        var (keys, parameters, shapes) = Size(config, c => BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => new VisionTransformer(c), seed: 0));
        // ViT-B/16 (timm vit_base_patch16_224: 86,567,656) less its 1000-class head (769,000) = 85,798,656; the
        // checkpoint's encoder keys: 4 embeddings + 12 × 16 + the final LayerNorm's 2.
        Assert.Equal((198, 85_798_656L), (keys, parameters));
        Assert.Equal(new long[] { 1, 197, 768 }, shapes["vit.embeddings.position_embeddings"]);
        Assert.Equal(new long[] { 3072, 768 }, shapes["vit.encoder.layer.0.intermediate.dense.weight"]);
    }

    [Fact]
    public void IJepa_huge_14_has_no_class_token_and_256_positions()
    {
        var config = HfVitConfig.Parse(IJepaHuge14, "ijepa_vith14_22k");
        var (keys, parameters, shapes) = Size(config, c => BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => new VisionTransformer(c), seed: 0));
        // ViT-H/14 (the ViT paper's "632M" includes a class token and head): patch embedding 753,920, positions
        // 256 × 1280, 32 blocks of 19,677,440, final LayerNorm 2,560.
        Assert.Equal((3 + 32 * 16 + 2, 630_762_240L), (keys, parameters));
        Assert.Equal(new long[] { 1, 256, 1280 }, shapes["embeddings.position_embeddings"]);
        Assert.False(shapes.ContainsKey("embeddings.cls_token"));
        Assert.Equal(1e-6, config.LayerNormEps);
    }

    [Fact]
    public void Dinov2_giant_has_the_published_parameter_count_less_its_mask_token()
    {
        var config = HfVitConfig.Parse(Dinov2Giant, "dinov2-giant");
        var (keys, parameters, shapes) = Size(config, c => BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => new VisionTransformer(c), seed: 0));
        // facebook/dinov2-giant: 1,136,480,768 parameters (the hub's count of model.safetensors, "1.14B"), of which the
        // mask token (1536) is ignored; 727 tensors less the mask token: 4 embeddings + 40 × 18 + 2.
        Assert.Equal((726, 1_136_480_768L - 1536), (keys, parameters));
        Assert.Equal(new long[] { 8192, 1536 }, shapes["encoder.layer.0.mlp.weights_in.weight"]);
        Assert.Equal(new long[] { 1536, 4096 }, shapes["encoder.layer.0.mlp.weights_out.weight"]);
        Assert.Equal(new long[] { 1536 }, shapes["encoder.layer.0.layer_scale1.lambda1"]);
        Assert.Equal(new long[] { 1, 1370, 1536 }, shapes["embeddings.position_embeddings"]); // 37 × 37 + 1 at 518 px
    }

    [Fact]
    public void Dinov2_base_builds_from_its_config_too()
    {
        // facebook/dinov2-base (served by its ONNX export; the family builds it as well): GELU MLP of 4 × 768.
        var config = HfVitConfig.Parse(Dinov2Giant.Replace("1536", "768").Replace("\"num_attention_heads\": 24", "\"num_attention_heads\": 12")
            .Replace("\"num_hidden_layers\": 40", "\"num_hidden_layers\": 12").Replace("\"use_swiglu_ffn\": true", "\"use_swiglu_ffn\": false"), "dinov2-base");
        var (keys, parameters, shapes) = Size(config, c => BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => new VisionTransformer(c), seed: 0));
        // 86,580,480 parameters in facebook/dinov2-base ("86.6M"), less the mask token (768).
        Assert.Equal((4 + 12 * 18 + 2, 86_580_480L - 768), (keys, parameters));
        Assert.Equal(new long[] { 3072, 768 }, shapes["encoder.layer.0.mlp.fc1.weight"]);
    }

    [Fact]
    public void Blip_base_vision_tower_is_vit_base_16_at_384()
    {
        var config = HfBlipConfig.Parse(BlipBase, "blip-image-captioning-base");
        var (keys, parameters, shapes) = Size(config, c => new BlipVisionModel(c));
        // ViT-B/16 at 384 px (BLIP's "ViT-B", 86M): patch embedding 590,592, class 768, positions 577 × 768,
        // 12 blocks of 7,087,872, post LayerNorm 1,536.
        Assert.Equal((4 + 12 * 12 + 2, 86_090_496L), (keys, parameters));
        Assert.Equal(new long[] { 2304, 768 }, shapes["encoder.layers.0.self_attn.qkv.weight"]);
        Assert.Equal(new long[] { 1, 577, 768 }, shapes["embeddings.position_embedding"]);
        // Keys the file leaves out take BlipVisionConfig's defaults.
        Assert.Equal(config, HfBlipConfig.Parse("""{"model_type": "blip", "vision_config": {}}""", "defaults"));
    }
}
