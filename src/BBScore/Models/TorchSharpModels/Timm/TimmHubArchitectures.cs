using System.Text.Json.Nodes;
using BBScore.Models.Preprocessing;
using BBScore.Stimuli;

namespace BBScore.Models.TorchSharpModels.Timm;

/// <summary>timm checkpoints on the hub (<c>timm/&lt;model&gt;.&lt;tag&gt;</c>): <c>model.safetensors</c> under timm's
/// own module names, and a timm <c>config.json</c> (<c>architecture</c>, <c>num_classes</c>, <c>num_features</c>,
/// <c>pretrained_cfg</c> with the input size, <c>crop_pct</c>, interpolation, mean and std) instead of a
/// transformers one. The preprocessing is timm's evaluation transform from <c>pretrained_cfg</c>: shorter side to
/// ⌊size / crop_pct⌋, centre crop to the input size, the config's mean and std.</summary>
public static class TimmHubArchitectures
{
    public static HubArchitecture Vgg { get; } = new("VGG", StateDictKeyMap.Identity, (_, json, path) =>
    {
        var root = Parse(json, path);
        string architecture = root["architecture"]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: timm's config.json has no 'architecture'.");
        var layers = TimmVgg.Configurations.GetValueOrDefault(architecture) ?? throw new NotSupportedException(
            $"{path}: timm architecture '{architecture}' is not a VGG built in C# ({string.Join(", ", TimmVgg.Configurations.Keys)}).");
        int classes = root["num_classes"]?.GetValue<int>() ?? 1000, features = root["num_features"]?.GetValue<int>() ?? 4096;
        var preprocessing = Preprocessing(root["pretrained_cfg"] as JsonObject ?? new JsonObject(), path);
        var network = SeededBuild.Construct(() => new TimmVgg(layers, features, classes), seed: 0);
        return new HubNetwork(network, null, preprocessing.CenterCropSize!.Value.Height, preprocessing);
    });

    /// <summary>timm's resolve_data_config + transforms_factory for evaluation (center crop mode).</summary>
    public static ImagePreprocessSpec Preprocessing(JsonObject pretrained, string path)
    {
        int size = pretrained["input_size"] is JsonArray input && input.Count == 3 ? input[2]!.GetValue<int>() : 224;
        double cropPct = pretrained["crop_pct"]?.GetValue<double>() ?? 0.875;
        string interpolation = pretrained["interpolation"]?.GetValue<string>() ?? "bilinear";
        var filter = interpolation switch
        {
            "bilinear" => PilResampleFilter.Bilinear,
            "bicubic" => PilResampleFilter.Bicubic,
            "nearest" => PilResampleFilter.Nearest,
            _ => throw new NotSupportedException($"{path}: timm interpolation '{interpolation}' is not built in C# (bilinear, bicubic, nearest)."),
        };
        float[] mean = Triple(pretrained["mean"], ImagePreprocessSpec.ImageNetMean, "mean", path);
        float[] std = Triple(pretrained["std"], ImagePreprocessSpec.ImageNetStd, "std", path);
        int resize = (int)Math.Floor(size / cropPct);
        return new ImagePreprocessSpec($"timm pretrained_cfg: resize shorter side {resize} ({interpolation}), centre-crop {size} (crop_pct {cropPct})",
            new ResizeShortestEdge(resize), filter, (size, size), 1.0 / 255.0, mean, std);
    }

    static float[] Triple(JsonNode? node, IReadOnlyList<float> fallback, string name, string path) => node switch
    {
        null => [.. fallback],
        JsonArray { Count: 3 } values => values.Select(v => (float)v!.GetValue<double>()).ToArray(),
        _ => throw new InvalidDataException($"{path}: pretrained_cfg's '{name}' is not three numbers."),
    };

    static JsonObject Parse(string json, string path)
    {
        try { return JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{path}: config.json is not a JSON object."); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"{path}: config.json is not valid JSON ({e.Message}).", e); }
    }
}
