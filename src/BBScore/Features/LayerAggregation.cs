using System.Security.Cryptography;
using System.Text;
using BBScore.Progress;

namespace BBScore.Features;

public enum AggregationMode { None, Concatenate, Stack }

/// <summary>Features of one layer (or of an aggregate of layers), rows = stimuli.</summary>
public sealed record NamedFeatures(string Name, FeatureTensor Features, IReadOnlyList<string> ConstituentLayers);

/// <summary>How several layers become the metric's input (spec §1.3): <c>none</c> scores each layer
/// separately (each projected on its own), <c>concatenate</c> joins them on the feature axis and
/// projects once, <c>stack</c> projects each to k dims and stacks them on a new axis (N, L, k).</summary>
public static class LayerAggregation
{
    public static AggregationMode Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => AggregationMode.None,
        "concatenate" => AggregationMode.Concatenate,
        "stack" => AggregationMode.Stack,
        _ => throw new ArgumentException($"Unknown aggregation mode '{text}'. Use none, concatenate or stack."),
    };

    public static string Describe(AggregationMode mode) => mode.ToString().ToLowerInvariant();

    /// <param name="layers">Flattened (N, D_l) features per layer, in the user's order.</param>
    public static IReadOnlyList<NamedFeatures> Apply(IReadOnlyList<NamedFeatures> layers, AggregationMode mode,
        ProjectionKind? projection, int targetDim, int seed, IProgressSink log)
    {
        switch (mode)
        {
            case AggregationMode.None:
                return layers.Select(l => l with { Features = ProjectIfUseful(l.Features, l.Name, projection, targetDim, seed, log) }).ToList();
            case AggregationMode.Concatenate:
            {
                var joined = Concatenate(layers.Select(l => l.Features).ToList());
                var names = layers.Select(l => l.Name).ToList();
                return [new NamedFeatures(CombinedName(mode, names), ProjectIfUseful(joined, "combined", projection, targetDim, seed, log), names)];
            }
            default:
            {
                // Stacking needs equal widths, so every layer is projected (the original forces it too).
                var kind = projection ?? ProjectionKind.Dense;
                if (projection is null) log.Warn("stack aggregation needs equal widths: projecting every layer with a dense random projection.");
                var projected = layers.Select(l => RandomProjection.Project(l.Features, kind, targetDim, seed)).ToList();
                var names = layers.Select(l => l.Name).ToList();
                return [new NamedFeatures(CombinedName(mode, names), Stack(projected), names)];
            }
        }
    }

    /// <summary>The original's name for an aggregate: <c>Concatenate_a_b</c>, or
    /// <c>Concatenate_5Layers_1a2b3c4d</c> when the joined name exceeds 80 characters.</summary>
    public static string CombinedName(AggregationMode mode, IReadOnlyList<string> layers)
    {
        if (layers.Count == 1) return layers[0];
        string prefix = mode.ToString();
        string joined = string.Join("_", layers);
        string name = prefix + "_" + joined;
        if (name.Length <= 80) return name;
        string md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(joined)))[..8];
        return $"{prefix}_{layers.Count}Layers_{md5}";
    }

    static FeatureTensor ProjectIfUseful(FeatureTensor features, string key, ProjectionKind? projection, int targetDim, int seed, IProgressSink log)
    {
        if (projection is null) return features;
        if (targetDim >= features.Shape[^1])
        {
            log.Warn($"random projection skipped for '{key}': target dimension {targetDim} >= feature dimension {features.Shape[^1]}.");
            return features;
        }
        return RandomProjection.Project(features, projection.Value, targetDim, seed);
    }

    static FeatureTensor Concatenate(IReadOnlyList<FeatureTensor> parts)
    {
        int rows = parts[0].Rows;
        if (parts.Any(p => p.Rows != rows)) throw new InvalidOperationException("Layers have different numbers of stimuli.");
        int width = parts.Sum(p => p.RowLength);
        var data = new float[(long)rows * width];
        for (int r = 0; r < rows; r++)
        {
            int offset = r * width;
            foreach (var p in parts)
            {
                Array.Copy(p.Data, (long)r * p.RowLength, data, offset, p.RowLength);
                offset += p.RowLength;
            }
        }
        return new FeatureTensor(data, [rows, width]);
    }

    static FeatureTensor Stack(IReadOnlyList<FeatureTensor> parts)
    {
        int rows = parts[0].Rows, width = parts[0].RowLength, count = parts.Count;
        var data = new float[(long)rows * count * width];
        for (int r = 0; r < rows; r++)
            for (int l = 0; l < count; l++)
                Array.Copy(parts[l].Data, (long)r * width, data, ((long)r * count + l) * width, width);
        return new FeatureTensor(data, [rows, count, width]);
    }
}
