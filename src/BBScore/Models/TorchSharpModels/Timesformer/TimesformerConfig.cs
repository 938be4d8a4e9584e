using System.Text.Json.Nodes;

namespace BBScore.Models.TorchSharpModels.Timesformer;

/// <summary>A TimeSformer from its published <c>config.json</c> (<c>model_type</c> <c>timesformer</c>): width, depth,
/// heads, MLP, patch, image size, frames; only divided space-time attention (every published checkpoint's) is built.</summary>
public sealed record TimesformerConfig(int Hidden, int Layers, int Heads, int Mlp, int Patch, int ImageSize, int Frames,
    int Channels = 3, double LayerNormEps = 1e-6, bool QkvBias = true)
{
    public int Patches => ImageSize / Patch * (ImageSize / Patch);

    public static TimesformerConfig Parse(string json, string source)
    {
        JsonObject root;
        try { root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: config.json is not a JSON object."); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{source}: config.json is not valid JSON ({e.Message}).", e); }
        string type = root["model_type"]?.GetValue<string>() ?? "";
        if (type != "timesformer") throw new NotSupportedException($"{source}: model_type '{type}' is not TimeSformer ('timesformer').");
        string attention = root["attention_type"]?.GetValue<string>() ?? "divided_space_time";
        if (attention != "divided_space_time")
            throw new NotSupportedException($"{source}: attention_type '{attention}' is not built in C# (only 'divided_space_time').");
        string act = root["hidden_act"]?.GetValue<string>() ?? "gelu";
        if (act != "gelu") throw new NotSupportedException($"{source}: hidden_act '{act}' is not built in C# (only exact GELU, 'gelu').");
        // Defaults are TimesformerConfig's (facebook/timesformer-base-finetuned-k400).
        var config = new TimesformerConfig(
            Int(root, "hidden_size", 768, source), Int(root, "num_hidden_layers", 12, source), Int(root, "num_attention_heads", 12, source),
            Int(root, "intermediate_size", 3072, source), Int(root, "patch_size", 16, source), Int(root, "image_size", 224, source),
            Int(root, "num_frames", 8, source), Int(root, "num_channels", 3, source),
            root["layer_norm_eps"]?.GetValue<double>() ?? 1e-6, root["qkv_bias"]?.GetValue<bool>() ?? true);
        if (config.Hidden % config.Heads != 0 || config.ImageSize % config.Patch != 0)
            throw new InvalidDataException($"{source}: hidden_size {config.Hidden} / {config.Heads} heads or image_size {config.ImageSize} / patch_size {config.Patch} do not divide.");
        return config;
    }

    static int Int(JsonObject root, string key, int fallback, string source) => root[key] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue(out int number) && number > 0 => number,
        _ => throw new InvalidDataException($"{source}: config.json's '{key}' is not a positive integer."),
    };
}
