using System.Text;
using BBScore.Data.Download;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Vit;
using BBScore.Numerics;
using BBScore.Stimuli;
using BBScore.Tests.Models.Hub;
using BBScore.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>One key of each new family (ViT-MAE, I-JEPA, DINOv2, BLIP) from a tiny random-weight checkpoint in its
/// repository's real layout, served by a loopback hub: the checkpoint's own prefix (<c>vit.</c>,
/// <c>vision_model.</c>) and the tensors the network does not use (MAE's decoder, DINOv2's mask token, BLIP-ITM's
/// text encoder, projections and head) are there, so the family's key map is exercised; the features at the
/// original's module path (with and without <c>_orig_mod.</c>) equal those of the network whose state dict was
/// written, fed the same preprocessed image.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class VitVariantsHubTests
{
    const string ImageNetProcessor = """
        {"image_processor_type": "ViTImageProcessor", "do_resize": true, "size": {"height": 32, "width": 32}, "resample": 2,
         "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": true,
         "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}
        """;

    [Fact]
    public void Mae_base_opens_from_a_ViTMAEForPreTraining_checkpoint_with_its_decoder()
    {
        const string config = """
            {"architectures": ["ViTMAEForPreTraining"], "model_type": "vit_mae", "hidden_act": "gelu", "hidden_size": 16,
             "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 32, "patch_size": 16, "image_size": 32,
             "qkv_bias": true, "layer_norm_eps": 1e-12, "mask_ratio": 0.75, "decoder_hidden_size": 8}
            """;
        using var reference = Build(() => new VisionTransformer(HfVitConfig.Parse(config, "tiny vit-mae")));
        Check("mae_base", "facebook/vit-mae-base", reference, name => name, config, ImageNetProcessor,
            [("decoder.decoder_embed.weight", [8, 16]), ("decoder.mask_token", [1, 1, 8]), ("decoder.decoder_pos_embed", [1, 5, 8]),
             ("decoder.decoder_layers.0.attention.attention.query.weight", [8, 8]), ("decoder.decoder_norm.weight", [8]), ("decoder.decoder_pred.weight", [768, 8])],
            "vit.encoder.layer.1", [1, 5, 16]);
    }

    [Fact]
    public void IJepa_giant_opens_from_an_IJepaModel_checkpoint()
    {
        const string config = """
            {"architectures": ["IJepaModel"], "model_type": "ijepa", "hidden_act": "gelu", "hidden_size": 16, "num_hidden_layers": 2,
             "num_attention_heads": 2, "intermediate_size": 24, "patch_size": 16, "image_size": 32, "qkv_bias": true, "layer_norm_eps": 1e-6}
            """;
        using var reference = Build(() => new VisionTransformer(HfVitConfig.Parse(config, "tiny ijepa")));
        Check("ijepa_giant", "facebook/ijepa_vitg16_22k", reference, name => name, config, ImageNetProcessor, [], "layernorm", [1, 4, 16]);
    }

    [Fact]
    public void Dinov2_giant_opens_with_its_position_grid_resized_to_the_cropped_input()
    {
        // Published at 64 px (a 4 × 4 grid), fed 32 px crops (2 × 2) as dinov2-giant is published at 518 and fed 224.
        const string config = """
            {"architectures": ["Dinov2Model"], "model_type": "dinov2", "hidden_act": "gelu", "hidden_size": 16, "num_hidden_layers": 2,
             "num_attention_heads": 4, "mlp_ratio": 4, "patch_size": 16, "image_size": 64, "qkv_bias": true, "layer_norm_eps": 1e-6,
             "layerscale_value": 1.0, "use_swiglu_ffn": true}
            """;
        const string processor = """
            {"image_processor_type": "BitImageProcessor", "do_resize": true, "size": {"shortest_edge": 36}, "resample": 3,
             "do_center_crop": true, "crop_size": {"height": 32, "width": 32}, "do_rescale": true, "rescale_factor": 0.00392156862745098,
             "do_normalize": true, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}
            """;
        using var reference = Build(() => new VisionTransformer(HfVitConfig.Parse(config, "tiny dinov2")));
        Check("dinov2_giant", "facebook/dinov2-giant", reference, name => name, config, processor, [("embeddings.mask_token", [1, 16])],
            "encoder.layer.1", [1, 5, 16], alias: "blocks.1");
    }

    [Fact]
    public void Blip_itm_opens_as_its_vision_tower_with_the_text_side_ignored()
    {
        const string config = """
            {"architectures": ["BlipForImageTextRetrieval"], "model_type": "blip", "projection_dim": 8,
             "vision_config": {"hidden_size": 16, "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 32,
              "patch_size": 16, "image_size": 32, "layer_norm_eps": 1e-5}}
            """;
        const string processor = """
            {"image_processor_type": "BlipImageProcessor", "do_resize": true, "size": {"height": 32, "width": 32}, "resample": 3,
             "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": true,
             "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_std": [0.26862954, 0.26130258, 0.27577711]}
            """;
        using var reference = Build(() => new BlipVisionModel(HfBlipConfig.Parse(config, "tiny blip")));
        Check("blip_itm", "Salesforce/blip-itm-base-coco", reference, name => "vision_model." + name, config, processor,
            [("text_encoder.embeddings.word_embeddings.weight", [30, 16]), ("text_encoder.encoder.layer.0.attention.self.query.weight", [16, 16]),
             ("vision_proj.weight", [8, 16]), ("text_proj.weight", [8, 16]), ("itm_head.weight", [2, 16]), ("itm_head.bias", [2])],
            "encoder.layers.1", [1, 5, 16]);
    }

    /// <summary>Under SeededBuild's lock: construction draws from torch's process-wide generator.</summary>
    static T Build<T>(Func<T> build) where T : nn.Module => SeededBuild.Construct(build, seed: 0);

    /// <summary>Serves <paramref name="reference"/>'s state dict, randomised, under the checkpoint's names plus
    /// <paramref name="unused"/> tensors; opens <paramref name="key"/> through the catalog and compares one layer.</summary>
    static void Check(string key, string repo, nn.Module<Tensor, Tensor> reference, Func<string, string> fileKey, string config,
                      string processor, (string Name, long[] Shape)[] unused, string layer, int[] shape, string? alias = null)
    {
        TorchRuntime.EnsureLoaded();
        reference.eval();
        var random = new Random(11);
        var tensors = new List<(string, long[], float[])>();
        using (no_grad())
            foreach (var (name, value) in reference.state_dict())
            {
                // Spread enough for layers to differ; norm weights around 1.
                bool norm = name.Contains("norm") && name.EndsWith("weight", StringComparison.Ordinal);
                var values = Enumerable.Range(0, (int)value.numel()).Select(_ => (float)((norm ? 1 : 0) + 0.4 * (random.NextDouble() - 0.5))).ToArray();
                value.copy_(tensor(values, value.shape));
                tensors.Add((fileKey(name), value.shape, values));
            }
        foreach (var (name, tensorShape) in unused) tensors.Add((name, tensorShape, new float[tensorShape.Aggregate(1L, (a, b) => a * b)]));
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["model.safetensors"] = SafetensorsWriter.Float32(tensors),
            ["config.json"] = Encoding.UTF8.GetBytes(config),
            ["preprocessor_config.json"] = Encoding.UTF8.GetBytes(processor),
        };
        using var hub = new HubMirror(repo, files);
        using var endpoint = new EnvironmentVariableScope((HuggingFaceSource.EndpointVariable, hub.BaseUrl), (HuggingFaceSource.TokenVariable, null));
        using var dir = new TempDir();

        using var model = ModelCatalog.Open(key, new ModelOpenOptions(), Path.Combine(dir.Path, "models"));
        var pixels = new byte[40 * 48 * 3];
        random.NextBytes(pixels);
        var image = new ImageStimulus(new RgbImage(48, 40, pixels));
        string[] names = alias is null ? [layer, "_orig_mod." + layer] : [layer, "_orig_mod." + layer, alias];
        var features = model.Extract([image], names);

        Assert.Equal(shape, features[layer].Shape);
        foreach (string name in names) Assert.Equal(features[layer].Data, features[name].Data);
        var input = TorchImageInput.From([image], new NormalizingImagePreprocessor(
            HuggingFacePreprocessorConfig.Parse(System.Text.Json.JsonDocument.Parse(processor).RootElement)));
        var module = (nn.Module<Tensor, Tensor>)reference.named_modules().Single(m => m.name == layer).module;
        float[]? expected = null;
        var hook = module.register_forward_hook((_, _, output) =>
        {
            expected = output.data<float>().ToArray();
            return output;
        });
        using (no_grad()) reference.call(input.ToTensor()).Dispose();
        hook.remove();
        Assert.Equal(expected!, features[layer].Data);
    }
}
