using System.Text.Json.Nodes;

namespace BBScore.Models.TorchSharpModels.Vjepa2;

/// <summary>A V-JEPA 2 encoder from its published <c>config.json</c> (<c>model_type</c> <c>vjepa2</c>): width, depth,
/// heads, MLP ratio, patch and tubelet, and the crop size that fixes the rotary position grid
/// (<c>crop_size / patch_size</c> tokens a side, whatever the input). The MLP width is <c>int(hidden · mlp_ratio)</c>
/// as Python computes it (ViT-g's ratio 48/11 gives 6144).</summary>
public sealed record Vjepa2Config(
    int Hidden, int Layers, int Heads, double MlpRatio, int Patch, int Tubelet, int CropSize, int FramesPerClip,
    int Channels = 3, double LayerNormEps = 1e-6, bool QkvBias = true)
{
    public int HeadWidth => Hidden / Heads;

    public int Mlp => (int)(Hidden * MlpRatio);

    /// <summary>Tokens a side of one frame's grid, and so tokens per tubelet: (crop / patch)².</summary>
    public int Grid => CropSize / Patch;

    public int TokensPerTubelet => Grid * Grid;

    /// <summary>Channels of each of the three rotated slices (frame, row, column) of a head: 2·⌊⌊head/3⌋/2⌋.</summary>
    public int RotarySlice => 2 * (HeadWidth / 3 / 2);

    public static Vjepa2Config Parse(string json, string source)
    {
        JsonObject root;
        try { root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: config.json is not a JSON object."); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{source}: config.json is not valid JSON ({e.Message}).", e); }
        string type = root["model_type"]?.GetValue<string>() ?? "";
        if (type != "vjepa2")
            throw new NotSupportedException($"{source}: model_type '{type}' is not V-JEPA 2 ('vjepa2').");
        string act = root["hidden_act"]?.GetValue<string>() ?? "gelu";
        if (act != "gelu") throw new NotSupportedException($"{source}: hidden_act '{act}' is not built in C# (only exact GELU, 'gelu').");
        // Defaults are VJEPA2Config's (facebook/vjepa2-vitl-fpc64-256).
        var config = new Vjepa2Config(
            Int(root, "hidden_size", 1024, source), Int(root, "num_hidden_layers", 24, source), Int(root, "num_attention_heads", 16, source),
            root["mlp_ratio"]?.GetValue<double>() ?? 4.0, Int(root, "patch_size", 16, source), Int(root, "tubelet_size", 2, source),
            Int(root, "crop_size", 256, source), Int(root, "frames_per_clip", 64, source), Int(root, "in_chans", 3, source),
            root["layer_norm_eps"]?.GetValue<double>() ?? 1e-6, root["qkv_bias"]?.GetValue<bool>() ?? true);
        if (config.Hidden % config.Heads != 0)
            throw new InvalidDataException($"{source}: hidden_size {config.Hidden} is not a multiple of {config.Heads} heads.");
        if (config.CropSize % config.Patch != 0 || config.Mlp <= 0 || config.RotarySlice <= 0)
            throw new InvalidDataException($"{source}: crop_size {config.CropSize}, patch_size {config.Patch}, mlp_ratio {config.MlpRatio} do not describe a V-JEPA 2 encoder.");
        return config;
    }

    static int Int(JsonObject root, string key, int fallback, string source) => root[key] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue(out int number) && number > 0 => number,
        _ => throw new InvalidDataException($"{source}: config.json's '{key}' is not a positive integer."),
    };
}
