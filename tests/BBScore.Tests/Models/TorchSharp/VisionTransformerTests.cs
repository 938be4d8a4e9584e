using BBScore.Formats;
using BBScore.Models.TorchSharpModels.Vit;
using BBScore.Numerics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>The Hugging Face-layout Vision Transformer family (ViT and VideoMAE) against an independent numpy forward
/// of the published architectures on tiny random-weight configs (tests/fixtures/generate_vit_fixture.py, itself
/// checked against torchvision's VisionTransformer): the state dict's keys and shapes are the checkpoint's, and the
/// outputs at every module path match to 1e-4 relative.</summary>
public class VisionTransformerTests
{
    public static TheoryData<string> Models => new() { "vit", "videomae" };

    static VitConfig Config(string name) => name switch
    {
        "vit" => new VitConfig(16, 2, 4, 32, 4, 16, Classes: 5),
        _ => VitConfig.VideoMaeBase with { Hidden = 16, Layers = 2, Heads = 2, Mlp = 24, Patch = 4, ImageSize = 8, Frames = 4 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Outputs_at_every_module_path_match_the_numpy_forward(string name)
    {
        TorchRuntime.EnsureLoaded();
        // The checkpoint's keys, no more and no fewer (VideoMAE's sinusoid table is not in the state dict).
        using var net = BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => new VisionTransformer(Config(name)), seed: 0);
        HfFixtureParity.Check(net, name);
    }

    [Fact]
    public void VideoMAE_base_has_the_parameter_count_and_shapes_its_config_implies()
    {
        TorchRuntime.EnsureLoaded();
        using var net = BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => new VisionTransformer(VitConfig.VideoMaeBase), seed: 0);
        var state = net.state_dict();
        // MCG-NJU/videomae-base's encoder (VideoMAEModel, no final norm): tubelet embedding 1,180,416 + 12 blocks of
        // 7,087,104 (q/k/v without biases + q_bias/v_bias, attention output, MLP 768→3072→768, two LayerNorms).
        long parameters = state.Values.Sum(t => t.numel());
        Assert.Equal(1_180_416 + 12 * 7_087_104, parameters);
        Assert.Equal(new long[] { 768, 3, 2, 16, 16 }, state["embeddings.patch_embeddings.projection.weight"].shape);
        Assert.Equal(new long[] { 768 }, state["encoder.layer.11.attention.attention.q_bias"].shape);
        Assert.False(state.ContainsKey("encoder.layer.0.attention.attention.key.bias"));
        Assert.Equal(1568, VitConfig.VideoMaeBase.Tokens); // 8 tubelets × 14 × 14 patches
    }

    /// <summary>The fields of MCG-NJU/videomae-base's config.json that shape the encoder (decoder fields omitted;
    /// use_mean_pooling written out at VideoMAEConfig's default).</summary>
    const string VideoMaeBaseConfig = """
        {"architectures": ["VideoMAEForPreTraining"], "hidden_act": "gelu", "hidden_size": 768, "image_size": 224,
         "intermediate_size": 3072, "layer_norm_eps": 1e-12, "model_type": "videomae", "num_attention_heads": 12,
         "num_channels": 3, "num_frames": 16, "num_hidden_layers": 12, "patch_size": 16, "qkv_bias": true,
         "tubelet_size": 2, "use_mean_pooling": true}
        """;

    [Fact]
    public void Hugging_Face_configs_build_the_architecture_and_unbuilt_variants_are_refused_by_name()
    {
        Assert.Equal(VitConfig.VideoMaeBase, HfVitConfig.Parse(VideoMaeBaseConfig, "videomae-base"));
        var vit = HfVitConfig.Parse("""
            {"architectures": ["ViTForImageClassification"], "model_type": "vit", "hidden_size": 768, "num_hidden_layers": 12,
             "num_attention_heads": 12, "intermediate_size": 3072, "patch_size": 16, "image_size": 224, "qkv_bias": true,
             "id2label": {"0": "a", "1": "b", "2": "c"}}
            """, "vit-base");
        Assert.Equal(VitConfig.VitBase16 with { Classes = 3 }, vit);

        var e = Assert.Throws<NotSupportedException>(() => HfVitConfig.Parse(VideoMaeBaseConfig.Replace("\"gelu\"", "\"relu\""), "x/config.json"));
        Assert.Contains("hidden_act 'relu'", e.Message);
        var missing = Assert.Throws<InvalidDataException>(() => HfVitConfig.Parse(VideoMaeBaseConfig.Replace("\"tubelet_size\": 2,", ""), "x/config.json"));
        Assert.Contains("'tubelet_size'", missing.Message);
        Assert.Throws<InvalidDataException>(() => HfVitConfig.Parse("{", "x/config.json"));
        var odd = Assert.Throws<InvalidDataException>(() => HfVitConfig.Parse(VideoMaeBaseConfig.Replace("\"num_frames\": 16", "\"num_frames\": 15"), "x/config.json"));
        Assert.Contains("tubelet", odd.Message);
    }

    [Fact]
    public void A_clip_network_takes_each_stimulus_as_one_clip_and_folds_tokens_into_frames()
    {
        TorchRuntime.EnsureLoaded();
        var config = Config("videomae");
        var spec = new BBScore.Models.Preprocessing.ImagePreprocessSpec("test: 8x8, ImageNet norm", new BBScore.Models.Preprocessing.ResizeToSize(8, 8),
            BBScore.Stimuli.PilResampleFilter.Bilinear, (8, 8), 1.0 / 255.0,
            BBScore.Models.Preprocessing.ImagePreprocessSpec.ImageNetMean, BBScore.Models.Preprocessing.ImagePreprocessSpec.ImageNetStd);
        var preprocessor = new BBScore.Models.Preprocessing.NormalizingImagePreprocessor(spec);
        var random = new Random(3);
        BBScore.Stimuli.RgbImage Frame()
        {
            var pixels = new byte[8 * 8 * 3];
            random.NextBytes(pixels);
            return new BBScore.Stimuli.RgbImage(8, 8, pixels);
        }
        // 7 frames at 7 fps: sampled down to the model's 4 (linspace); an image: a still clip.
        var clip = new BBScore.Stimuli.VideoStimulus(Enumerable.Range(0, 7).Select(_ => Frame()).ToArray(), 7);
        var still = new BBScore.Stimuli.ImageStimulus(Frame());
        var network = BBScore.Models.TorchSharpModels.SeededBuild.Construct(() => new VisionTransformer(config), seed: 0);
        using var model = new BBScore.Models.TorchSharpModels.TorchSharpFeatureModel(network, preprocessor,
            new BBScore.Models.ModelIdentity("tiny-videomae", "test", preprocessor.Description), clip: new(4, null, new BBScore.Models.TorchSharpModels.TokenFold.IntoFrames(4)));

        var features = model.Extract([clip, still], ["encoder.layer.1", "embeddings.patch_embeddings.projection"]);

        // (B, tokens, hidden) = (2, 8, 16) folded to (2, 4, 32); the Conv3d's (2, 16, 2, 2, 2) to (2, 4, 32).
        Assert.Equal(new[] { 2, 4, 32 }, features["encoder.layer.1"].Shape);
        Assert.Equal(new[] { 2, 4, 32 }, features["embeddings.patch_embeddings.projection"].Shape);
        // The fold is a reshape: the values are the network's output for the (B, T, C, H, W) batch.
        var input = BBScore.Models.TorchSharpModels.TorchImageInput.FromClips([clip, still], preprocessor, new(4, null, null));
        Assert.Equal(new long[] { 2, 4, 3, 8, 8 }, input.Shape);
        using (no_grad())
        {
            using var direct = network.call(input.ToTensor());
            Assert.Equal(direct.data<float>().ToArray(), features["encoder.layer.1"].Data.ToArray());
        }
        // A still image is its frame repeated: its two tubelets are identical (the Conv3d's (16, 2, 2, 2) per channel: time first).
        var stillTokens = features["embeddings.patch_embeddings.projection"].Data.AsSpan(4 * 32, 4 * 32).ToArray();
        for (int channel = 0; channel < 16; channel++)
            Assert.Equal(stillTokens.AsSpan(channel * 8, 4).ToArray(), stillTokens.AsSpan(channel * 8 + 4, 4).ToArray());
    }
}
