using System.Text.Json.Nodes;

namespace BBScore.Models.TorchSharpModels.Wav2Vec2;

/// <summary>Reads a Hugging Face <c>config.json</c> of <c>model_type</c> <c>wav2vec2</c> or <c>hubert</c> into a
/// <see cref="Wav2Vec2Config"/>: the network is built from the checkpoint's own published sizes and norm placement.
/// Flags only read where transformers defaults them (<c>conv_bias</c>, <c>do_stable_layer_norm</c>, the positional
/// convolution, <c>layer_norm_eps</c>, <c>feat_proj_layer_norm</c>, the masking probabilities) take transformers'
/// defaults; anything the C# network does not build (another activation, an adapter, HuBERT's batch-normed positional
/// convolution) is refused by name rather than run wrongly.</summary>
public static class HfWav2Vec2Config
{
    static readonly string[] BuiltTypes = ["wav2vec2", "hubert"];

    public static Wav2Vec2Config Parse(string json, string source)
    {
        JsonObject root;
        try { root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: config.json is not a JSON object."); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{source}: config.json is not valid JSON ({e.Message}).", e); }

        string type = root["model_type"]?.GetValue<string>() ?? throw new InvalidDataException($"{source}: config.json has no 'model_type'.");
        if (!BuiltTypes.Contains(type))
            throw new NotSupportedException($"{source}: model_type '{type}' is not a wav2vec2-family model built in C# ({string.Join(", ", BuiltTypes)}).");
        foreach (string key in new[] { "hidden_act", "feat_extract_activation" })
            if ((root[key]?.GetValue<string>() ?? "gelu") != "gelu")
                throw new NotSupportedException($"{source}: {key} '{root[key]}' is not built in C# (only exact GELU, 'gelu').");
        if (Flag(root, "add_adapter", false)) throw new NotSupportedException($"{source}: add_adapter is true; the C# network has no adapter layers.");
        if (Flag(root, "conv_pos_batch_norm", false))
            throw new NotSupportedException($"{source}: conv_pos_batch_norm is true; the C# network builds the weight-normed positional convolution only.");
        string norm = root["feat_extract_norm"]?.GetValue<string>() ?? "group";
        var featureNorm = norm switch
        {
            "group" => FeatureEncoderNorm.Group,
            "layer" => FeatureEncoderNorm.Layer,
            _ => throw new InvalidDataException($"{source}: feat_extract_norm '{norm}' is neither 'group' nor 'layer'."),
        };
        double maskTime = root["mask_time_prob"]?.GetValue<double>() ?? 0.05, maskFeature = root["mask_feature_prob"]?.GetValue<double>() ?? 0.0;
        var config = new Wav2Vec2Config(
            Ints(root, "conv_dim", source), Ints(root, "conv_kernel", source), Ints(root, "conv_stride", source),
            Flag(root, "conv_bias", false), featureNorm,
            Int(root, "hidden_size", source), Int(root, "num_hidden_layers", source), Int(root, "num_attention_heads", source),
            Int(root, "intermediate_size", source), Flag(root, "do_stable_layer_norm", false),
            root["num_conv_pos_embeddings"]?.GetValue<int>() ?? 128, root["num_conv_pos_embedding_groups"]?.GetValue<int>() ?? 16,
            root["layer_norm_eps"]?.GetValue<double>() ?? 1e-5,
            ProjectionLayerNorm: type == "wav2vec2" || Flag(root, "feat_proj_layer_norm", true),
            MaskEmbedding: maskTime > 0 || maskFeature > 0);
        try { return config.Validated(); }
        catch (ArgumentException e) { throw new InvalidDataException($"{source}: {e.Message}", e); }
    }

    static bool Flag(JsonObject root, string key, bool fallback) => root[key]?.GetValue<bool>() ?? fallback;

    static int Int(JsonObject root, string key, string source) =>
        root[key] is JsonValue value && value.TryGetValue(out int number) && number > 0
            ? number : throw new InvalidDataException($"{source}: config.json has no positive integer '{key}'.");

    static int[] Ints(JsonObject root, string key, string source) =>
        root[key] is JsonArray array && array.All(v => v is JsonValue value && value.TryGetValue(out int n) && n > 0)
            ? array.Select(v => v!.GetValue<int>()).ToArray()
            : throw new InvalidDataException($"{source}: config.json has no list of positive integers '{key}'.");
}
