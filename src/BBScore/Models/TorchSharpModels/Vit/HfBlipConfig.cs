using System.Text.Json.Nodes;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>Reads the vision tower's sizes from a Hugging Face BLIP <c>config.json</c> (<c>model_type</c> <c>blip</c>,
/// its <c>vision_config</c>) into the <see cref="VitConfig"/> that <see cref="BlipVisionModel"/> is built from. Keys
/// the file leaves out take BlipVisionConfig's defaults (hidden 768, 12 layers, 12 heads, MLP 3072, patch 16,
/// image 384, LayerNorm eps 1e-5), as transformers fills them. Another activation than exact GELU is refused by name.</summary>
public static class HfBlipConfig
{
    public static VitConfig Parse(string json, string source)
    {
        JsonObject root;
        try { root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: config.json is not a JSON object."); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{source}: config.json is not valid JSON ({e.Message}).", e); }
        string type = root["model_type"]?.GetValue<string>() ?? "";
        if (type != "blip")
            throw new NotSupportedException($"{source}: model_type '{type}' is not BLIP ('blip'), whose vision tower is built in C#.");
        var vision = root["vision_config"] as JsonObject ?? [];
        string act = vision["hidden_act"]?.GetValue<string>() ?? "gelu";
        if (act != "gelu") throw new NotSupportedException($"{source}: vision_config.hidden_act '{act}' is not built in C# (only exact GELU, 'gelu').");
        int Size(string key, int fallback) => vision[key] switch
        {
            null => fallback,
            JsonValue value when value.TryGetValue(out int number) && number > 0 => number,
            _ => throw new InvalidDataException($"{source}: vision_config.{key} is not a positive integer."),
        };
        var config = new VitConfig(Size("hidden_size", 768), Size("num_hidden_layers", 12), Size("num_attention_heads", 12),
            Size("intermediate_size", 3072), Size("patch_size", 16), Size("image_size", 384), Size("num_channels", 3),
            LayerNormEps: vision["layer_norm_eps"]?.GetValue<double>() ?? 1e-5, Prefix: "");
        try { return config.Validated(); }
        catch (ArgumentException e) { throw new InvalidDataException($"{source}: vision_config: {e.Message}", e); }
    }
}
