using System.Text;
using BBScore.Models.TorchSharpModels.Vit;
using BBScore.Numerics;
using BBScore.Tests.Support;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>A random-weight VideoMAE in the real layout of MCG-NJU/videomae-base's repository, at a tiny width:
/// <c>config.json</c> (12 layers, 16 frames, tubelet 2, patch 16, 32-pixel frames, width 16),
/// <c>model.safetensors</c> as a VideoMAEForPreTraining checkpoint (the encoder under <c>videomae.</c>, plus the
/// decoder's tensors the encoder ignores) and a VideoMAEImageProcessor <c>preprocessor_config.json</c>.</summary>
internal static class TinyVideoMaeCheckpoint
{
    public const string Repo = "MCG-NJU/videomae-base";

    public const string Config = """
        {"architectures": ["VideoMAEForPreTraining"], "model_type": "videomae", "hidden_act": "gelu", "hidden_size": 16,
         "num_hidden_layers": 12, "num_attention_heads": 2, "intermediate_size": 24, "patch_size": 16, "image_size": 32,
         "num_frames": 16, "tubelet_size": 2, "qkv_bias": true, "use_mean_pooling": true, "layer_norm_eps": 1e-12,
         "decoder_hidden_size": 8}
        """;

    public const string Preprocessor = """
        {"image_processor_type": "VideoMAEImageProcessor", "do_resize": true, "size": {"shortest_edge": 32}, "resample": 2,
         "do_center_crop": true, "crop_size": {"height": 32, "width": 32}, "do_rescale": true, "rescale_factor": 0.00392156862745098,
         "do_normalize": true, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}
        """;

    /// <summary>The repository's files by path; the encoder's weights are seeded by <paramref name="seed"/>.</summary>
    public static Dictionary<string, byte[]> Files(int seed = 7)
    {
        TorchRuntime.EnsureLoaded();
        var tensors = new List<(string, long[], float[])>();
        using (var network = BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => new VisionTransformer(HfVitConfig.Parse(Config, "tiny videomae")), seed: 0))
        {
            var random = new Random(seed);
            foreach (var (name, value) in network.state_dict())
            {
                // Spread enough for layers to differ; LayerNorm weights around 1.
                var values = Enumerable.Range(0, (int)value.numel())
                    .Select(_ => (float)((name.Contains("layernorm") && name.EndsWith("weight") ? 1 : 0) + 0.2 * (random.NextDouble() - 0.5))).ToArray();
                tensors.Add(("videomae." + name, value.shape, values));
            }
        }
        tensors.Add(("encoder_to_decoder.weight", [8, 16], new float[8 * 16]));
        tensors.Add(("mask_token", [1, 1, 8], new float[8]));
        tensors.Add(("decoder.head.weight", [1536, 8], new float[1536 * 8]));
        return new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["model.safetensors"] = SafetensorsWriter.Float32(tensors),
            ["config.json"] = Encoding.UTF8.GetBytes(Config),
            ["preprocessor_config.json"] = Encoding.UTF8.GetBytes(Preprocessor),
        };
    }
}
