using System.Text.Json.Nodes;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>Reads a Hugging Face <c>config.json</c> of the ViT family (<c>model_type</c> <c>vit</c>, <c>videomae</c>,
/// <c>vit_mae</c>, <c>ijepa</c> or <c>dinov2</c>) into a <see cref="VitConfig"/>, so the network is built from the checkpoint's own published
/// config: sizes, patch and tubelet, LayerNorm eps, q/k/v biases, the final norm (VideoMAE's
/// <c>use_mean_pooling</c>, default true, means none) and, for <c>ViTForImageClassification</c>, the classes of
/// <c>id2label</c>. Anything the C# architecture does not implement (another activation, another model_type) is refused
/// by name rather than run wrongly. A <c>vit</c> model always sits under <c>vit.</c>, as in ViTForImageClassification
/// (the original's class for every ViT key), whether or not its checkpoint has the head.</summary>
public static class HfVitConfig
{
    static readonly string[] BuiltTypes = ["vit", "videomae", "vit_mae", "ijepa", "dinov2"];

    public static VitConfig Parse(string json, string source)
    {
        JsonObject root;
        try { root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: config.json is not a JSON object."); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{source}: config.json is not valid JSON ({e.Message}).", e); }

        string type = Text(root, "model_type", source);
        if (!BuiltTypes.Contains(type))
            throw new NotSupportedException($"{source}: model_type '{type}' is not a ViT-family model built in C# ({string.Join(", ", BuiltTypes)}).");
        string act = root["hidden_act"]?.GetValue<string>() ?? "gelu";
        if (act != "gelu") throw new NotSupportedException($"{source}: hidden_act '{act}' is not built in C# (only exact GELU, 'gelu').");
        int hidden = Int(root, "hidden_size", source), layers = Int(root, "num_hidden_layers", source);
        int heads = Int(root, "num_attention_heads", source);
        int patch = Int(root, "patch_size", source), size = Int(root, "image_size", source);
        int channels = root["num_channels"]?.GetValue<int>() ?? 3;
        // Defaults of ViTConfig (1e-12) and Dinov2Config (1e-6) where the file leaves it out.
        double eps = root["layer_norm_eps"]?.GetValue<double>() ?? (type == "dinov2" ? 1e-6 : 1e-12);
        bool qkvBias = root["qkv_bias"]?.GetValue<bool>() ?? true;
        var perProjection = qkvBias ? VitQkvBias.PerProjection : VitQkvBias.None;
        int Mlp() => Int(root, "intermediate_size", source);
        var config = type switch
        {
            "vit" => new VitConfig(hidden, layers, heads, Mlp(), patch, size, channels, LayerNormEps: eps,
                QkvBias: perProjection, Classes: Classes(root)),
            "videomae" => new VitConfig(hidden, layers, heads, Mlp(), patch, size, channels,
                Tubelet: Int(root, "tubelet_size", source), Frames: Int(root, "num_frames", source), ClassToken: false,
                Positions: VitPositions.Sinusoidal, QkvBias: qkvBias ? VitQkvBias.QueryValueOnly : VitQkvBias.None, LayerNormEps: eps,
                FinalLayerNorm: !(root["use_mean_pooling"]?.GetValue<bool>() ?? true), Prefix: ""),
            // ViTMAEForPreTraining's encoder under vit. (its decoder is not built). The config's mask_ratio is not read:
            // the original loads the model with mask_ratio 0, and this network keeps every patch in order (no shuffle).
            // The sin-cos position table is a parameter of the checkpoint, loaded as the learned ones are.
            "vit_mae" => new VitConfig(hidden, layers, heads, Mlp(), patch, size, channels, LayerNormEps: eps, QkvBias: perProjection),
            // IJepaModel: no class token, learned positions over the patches, final LayerNorm, no pooler.
            "ijepa" => new VitConfig(hidden, layers, heads, Mlp(), patch, size, channels, ClassToken: false, LayerNormEps: eps,
                QkvBias: perProjection, Prefix: ""),
            "dinov2" => Dinov2(root, hidden, layers, heads, patch, size, channels, eps, perProjection, source),
            _ => throw new InvalidOperationException($"model_type '{type}' is listed as built but has no builder."),
        };
        try { return config.Validated(); }
        catch (ArgumentException e) { throw new InvalidDataException($"{source}: {e.Message}", e); }
    }

    /// <summary>Dinov2Model: DINOv2's block (layer scale; SwiGLU MLP under <c>use_swiglu_ffn</c>, its width computed from
    /// <c>mlp_ratio</c> as Hugging Face does), the class token and a learned position grid resized to the input.</summary>
    static VitConfig Dinov2(JsonObject root, int hidden, int layers, int heads, int patch, int size, int channels, double eps,
                            VitQkvBias qkvBias, string source)
    {
        double ratio = root["mlp_ratio"]?.GetValue<double>() ?? 4.0; // Dinov2Config's default
        if (ratio <= 0) throw new InvalidDataException($"{source}: config.json has a non-positive mlp_ratio {ratio}.");
        bool swiGlu = root["use_swiglu_ffn"]?.GetValue<bool>() ?? false;
        int mlp = swiGlu ? Dinov2SwiGluFfn.Width(hidden, ratio) : (int)(hidden * ratio);
        return new VitConfig(hidden, layers, heads, mlp, patch, size, channels, LayerNormEps: eps, QkvBias: qkvBias, Prefix: "",
            Block: swiGlu ? VitBlock.Dinov2SwiGlu : VitBlock.Dinov2, InterpolatePositions: true);
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
