using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Wav2Vec2;
using BBScore.Numerics;
using Xunit;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>The C# Wav2Vec2Model built from the published config.json of each key's repository, against the published
/// sizes. The config texts are written here from the repositories' config.json (the fields the network reads; the
/// CTC vocabulary, dropout and masking fields, which change no parameter shape, are left out except mask_time_prob,
/// which creates <c>masked_spec_embed</c>). Counts are of <c>Wav2Vec2Model</c>/<c>HubertModel</c> as AutoModel builds
/// it: masked_spec_embed included; the pre-training quantizer and projections and the CTC head (32·D + 32) excluded.
/// The large networks are not allocated: the count is that of the network built with one layer plus (depth − 1) times
/// what a second layer adds, every layer being identical.</summary>
public class PublishedWav2Vec2ConfigTests
{
    const string Conv = """
        "conv_dim": [512, 512, 512, 512, 512, 512, 512], "conv_kernel": [10, 3, 3, 3, 3, 2, 2], "conv_stride": [5, 2, 2, 2, 2, 2, 2],
        "num_conv_pos_embeddings": 128, "num_conv_pos_embedding_groups": 16, "hidden_act": "gelu", "feat_extract_activation": "gelu",
        "layer_norm_eps": 1e-05, "mask_time_prob": 0.05
        """;

    /// <summary>facebook/wav2vec2-base (Wav2Vec2ForPreTraining).</summary>
    const string Wav2Vec2Base = "{\"model_type\": \"wav2vec2\", " + Conv + """
        , "conv_bias": false, "feat_extract_norm": "group", "do_stable_layer_norm": false,
         "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072}
        """;

    /// <summary>facebook/wav2vec2-large and facebook/wav2vec2-large-960h (the LibriSpeech-pretrained large model:
    /// group norm, post-norm layers, as wav2vec2-base).</summary>
    const string Wav2Vec2Large = "{\"model_type\": \"wav2vec2\", " + Conv + """
        , "conv_bias": false, "feat_extract_norm": "group", "do_stable_layer_norm": false,
         "hidden_size": 1024, "num_hidden_layers": 24, "num_attention_heads": 16, "intermediate_size": 4096}
        """;

    /// <summary>facebook/hubert-large-ls960-ft (HubertForCTC).</summary>
    const string HubertLarge = "{\"model_type\": \"hubert\", " + Conv + """
        , "conv_bias": true, "feat_extract_norm": "layer", "do_stable_layer_norm": true, "feat_proj_layer_norm": true,
         "hidden_size": 1024, "num_hidden_layers": 24, "num_attention_heads": 16, "intermediate_size": 4096}
        """;

    /// <summary>facebook/hubert-xlarge-ls960-ft (HubertForCTC).</summary>
    const string HubertXLarge = "{\"model_type\": \"hubert\", " + Conv + """
        , "conv_bias": true, "feat_extract_norm": "layer", "do_stable_layer_norm": true, "feat_proj_layer_norm": true,
         "hidden_size": 1280, "num_hidden_layers": 48, "num_attention_heads": 16, "intermediate_size": 5120}
        """;

    /// <summary>Parameters of the full-depth network, and the state dict's shapes of the one-layer one.</summary>
    static (long Parameters, Dictionary<string, long[]> Shapes) Size(string json)
    {
        TorchRuntime.EnsureLoaded();
        var config = HfWav2Vec2Config.Parse(json, "published config.json");
        (long, Dictionary<string, long[]>) Of(int layers)
        {
            // Under SeededBuild's lock: construction draws from torch's process-wide generator.
            using var net = SeededBuild.Construct(() => new Wav2Vec2Model(config with { Layers = layers }), seed: 0);
            var state = net.state_dict();
            return (state.Values.Sum(t => t.numel()), state.ToDictionary(e => e.Key, e => e.Value.shape));
        }
        var (one, shapes) = Of(1);
        var (two, _) = Of(2);
        return (one + (config.Layers - 1) * (two - one), shapes);
    }

    /// <summary>94,371,712: the count transformers reports for facebook/wav2vec2-base's Wav2Vec2Model (94,396,320 for
    /// Wav2Vec2ForCTC, whose head adds 24,608); the paper's BASE is "95M".</summary>
    [Fact]
    public void Wav2vec2_base_has_the_published_size_and_checkpoint_shapes()
    {
        var (parameters, shapes) = Size(Wav2Vec2Base);
        Assert.Equal(94_371_712, parameters);
        Assert.Equal([1L, 1, 128], shapes["encoder.pos_conv_embed.conv.weight_g"]);
        Assert.Equal([768L, 48, 128], shapes["encoder.pos_conv_embed.conv.weight_v"]);
        Assert.Equal([512L, 1, 10], shapes["feature_extractor.conv_layers.0.conv.weight"]);
        Assert.Equal([512L], shapes["feature_extractor.conv_layers.0.layer_norm.weight"]);
        Assert.False(shapes.ContainsKey("feature_extractor.conv_layers.1.layer_norm.weight")); // GroupNorm on the first only
        Assert.False(shapes.ContainsKey("feature_extractor.conv_layers.0.conv.bias"));
        Assert.Equal([768L], shapes["masked_spec_embed"]);
    }

    /// <summary>Derived from the config (the count of the base's parts at width 1024 and depth 24): conv stack 4,200,448,
    /// projection 526,336, positional conv 8,389,760, encoder norm 2,048, 24 layers of 12,596,224, masked_spec_embed
    /// 1,024; the paper's LARGE is "317M" (within 1%).</summary>
    [Fact]
    public void Wav2vec2_large_and_large_960h_have_the_published_size()
    {
        var (parameters, _) = Size(Wav2Vec2Large);
        Assert.Equal(315_428_992, parameters);
        Assert.InRange(parameters, 317e6 * 0.99, 317e6 * 1.01);
    }

    /// <summary>The layer-norm feature encoder adds a LayerNorm per conv (7 × 1,024) and conv biases (7 × 512) and drops
    /// the GroupNorm (1,024): 315,438,720, the count of every large layer-norm wav2vec2/HuBERT model; the HuBERT paper's
    /// LARGE is "317M".</summary>
    [Fact]
    public void Hubert_large_has_the_published_size_and_checkpoint_shapes()
    {
        var (parameters, shapes) = Size(HubertLarge);
        Assert.Equal(315_438_720, parameters);
        Assert.InRange(parameters, 317e6 * 0.99, 317e6 * 1.01);
        Assert.Equal([512L], shapes["feature_extractor.conv_layers.6.layer_norm.weight"]);
        Assert.Equal([512L], shapes["feature_extractor.conv_layers.0.conv.bias"]);
        Assert.Equal([512L], shapes["feature_projection.layer_norm.weight"]);
    }

    /// <summary>Width 1280, depth 48: conv stack 4,210,176, projection 657,664, positional conv 13,108,608, encoder norm
    /// 2,560, 48 layers of 19,677,440, masked_spec_embed 1,280; the HuBERT paper's X-LARGE is "964M" (within 1%).</summary>
    [Fact]
    public void Hubert_xlarge_has_the_published_size()
    {
        var (parameters, shapes) = Size(HubertXLarge);
        Assert.Equal(962_497_408, parameters);
        Assert.InRange(parameters, 964e6 * 0.99, 964e6 * 1.01);
        Assert.Equal([1280L, 80, 128], shapes["encoder.pos_conv_embed.conv.weight_v"]);
    }
}
