using System.Text.Json.Nodes;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>Reads a Hugging Face <c>config.json</c> of the ViT family (<c>model_type</c> <c>vit</c> or
/// <c>videomae</c>) into a <see cref="VitConfig"/>, so the network is built from the checkpoint's own published
/// config: sizes, patch and tubelet, LayerNorm eps, q/k/v biases, the final norm (VideoMAE's
/// <c>use_mean_pooling</c>, default true, means none) and, for <c>ViTForImageClassification</c>, the classes of
/// <c>id2label</c>. Anything the C# architecture does not implement (another activation, layer scale) is refused by
/// name rather than run wrongly. A <c>vit</c> model always sits under <c>vit.</c>, as in ViTForImageClassification
/// (the original's class for every ViT key), whether or not its checkpoint has the head.</summary>
public static class HfVitConfig
{
    public static VitConfig Parse(string json, string source)
    {
        JsonObject root;
        try { root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: config.json is not a JSON object."); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{source}: config.json is not valid JSON ({e.Message}).", e); }

        string type = Text(root, "model_type", source);
        string act = root["hidden_act"]?.GetValue<string>() ?? "gelu";
        if (act != "gelu") throw new NotSupportedException($"{source}: hidden_act '{act}' is not built in C# (only exact GELU, 'gelu').");
        int hidden = Int(root, "hidden_size", source), layers = Int(root, "num_hidden_layers", source);
        int heads = Int(root, "num_attention_heads", source), mlp = Int(root, "intermediate_size", source);
        int patch = Int(root, "patch_size", source), size = Int(root, "image_size", source);
        int channels = root["num_channels"]?.GetValue<int>() ?? 3;
        double eps = root["layer_norm_eps"]?.GetValue<double>() ?? 1e-12;
        bool qkvBias = root["qkv_bias"]?.GetValue<bool>() ?? true;
        var config = type switch
        {
            "vit" => new VitConfig(hidden, layers, heads, mlp, patch, size, channels, LayerNormEps: eps,
                QkvBias: qkvBias ? VitQkvBias.PerProjection : VitQkvBias.None, Classes: Classes(root)),
            "videomae" => new VitConfig(hidden, layers, heads, mlp, patch, size, channels,
                Tubelet: Int(root, "tubelet_size", source), Frames: Int(root, "num_frames", source), ClassToken: false,
                Positions: VitPositions.Sinusoidal, QkvBias: qkvBias ? VitQkvBias.QueryValueOnly : VitQkvBias.None, LayerNormEps: eps,
                FinalLayerNorm: !(root["use_mean_pooling"]?.GetValue<bool>() ?? true), Prefix: ""),
            _ => throw new NotSupportedException($"{source}: model_type '{type}' is not a ViT-family model built in C# (vit, videomae)."),
        };
        try { return config.Validated(); }
        catch (ArgumentException e) { throw new InvalidDataException($"{source}: {e.Message}", e); }
    }

    /// <summary>The classifier's size for ViTForImageClassification (its <c>id2label</c>); 0 for a bare backbone.</summary>
    static int Classes(JsonObject root) =>
        root["architectures"] is JsonArray arch && arch.Any(a => a?.GetValue<string>() == "ViTForImageClassification")
            ? (root["id2label"] as JsonObject)?.Count ?? 2 // transformers' default num_labels
            : 0;

    static int Int(JsonObject root, string key, string source) =>
        root[key] is JsonValue value && value.TryGetValue(out int number) && number > 0
            ? number : throw new InvalidDataException($"{source}: config.json has no positive integer '{key}'.");

    static string Text(JsonObject root, string key, string source) =>
        root[key] is JsonValue value && value.TryGetValue(out string? text) && text is not null
            ? text : throw new InvalidDataException($"{source}: config.json has no '{key}'.");
}
