namespace BBScore.Models.Layers;

/// <summary>The layer aliases the original's wrappers define for some keys (spec §3.1): its ResNet wrapper
/// maps <c>layer1</c>…<c>layer4</c> to <c>_orig_mod.resnet.encoder.stages.0</c>…<c>3</c> (the leading
/// <c>_orig_mod.</c> is dropped here, as everywhere). DINOv2's blocks go by the names of Meta's own release
/// (<c>blocks.11</c>, as the lecture writes them) as well as by the Hugging Face module paths the exports carry
/// (<c>encoder.layer.11</c>).</summary>
public static class OriginalLayerAliases
{
    static readonly Dictionary<string, string> ResNetStages = new(StringComparer.Ordinal)
    {
        ["layer1"] = "resnet.encoder.stages.0",
        ["layer2"] = "resnet.encoder.stages.1",
        ["layer3"] = "resnet.encoder.stages.2",
        ["layer4"] = "resnet.encoder.stages.3",
    };

    // Enough for the deepest DINOv2 (giant: 40 blocks); names of blocks a model lacks name no module and are dropped.
    static readonly Dictionary<string, string> DinoV2Blocks =
        Enumerable.Range(0, 48).ToDictionary(i => $"blocks.{i}", i => $"encoder.layer.{i}", StringComparer.Ordinal);

    /// <summary>Alias → module path for a model key; empty for keys without aliases.</summary>
    public static IReadOnlyDictionary<string, string> For(string? key) => key switch
    {
        "resnet18" or "resnet34" or "resnet50" => ResNetStages,
        "dinov2_base" or "dinov2_large" or "dinov2_giant" or "dinov2_large_sub" => DinoV2Blocks,
        _ => new Dictionary<string, string>(),
    };

    /// <summary>The modules with the key's aliases added to the ones they name.</summary>
    public static IReadOnlyList<LayerDefinition> Apply(IReadOnlyList<LayerDefinition> modules, string? key)
    {
        var aliases = For(key);
        if (aliases.Count == 0) return modules;
        return modules.Select(m =>
        {
            var extra = aliases.Where(a => a.Value == m.Name).Select(a => a.Key).ToList();
            return extra.Count == 0 ? m : m with { Aliases = [.. m.Aliases, .. extra] };
        }).ToList();
    }
}
