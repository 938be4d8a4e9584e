using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BBScore.Sweeps;

/// <summary>Reads a sweep file (YAML, schema in docs/SWEEPS.md). Every error is one line that names the
/// file and line and says what to write instead; unknown keys come with the closest known ones, since a
/// mistyped key silently ignored would run a different sweep than the one meant.</summary>
public static class SweepFile
{
    static readonly string[] TopKeys = ["models", "layers", "model_layers", "benchmarks", "metrics", "seed", "random_projection", "aggregation", "compat", "batch_size"];

    public static SweepSpec Load(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{path}: no such sweep file; write one as docs/SWEEPS.md shows.");
        return Parse(File.ReadAllText(path), path);
    }

    /// <param name="source">The file name used in messages.</param>
    public static SweepSpec Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ArgumentException($"{source}:{e.Start.Line}: not valid YAML ({Reason(e)}); fix the syntax there.", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet fails this way, with no position, on a bracket still open at the end of the file.
            throw new ArgumentException($"{source}: not valid YAML (the file ends inside a [list], {{mapping}} or quote); close it.", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ArgumentException($"{source}: a sweep file is a mapping with at least 'models', 'layers', 'benchmarks' and 'metrics' (see docs/SWEEPS.md).");

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            string key = Scalar(keyNode, source, "a key");
            if (!TopKeys.Contains(key))
            {
                var close = NameSuggestions.Closest(key, TopKeys);
                throw new ArgumentException($"{source}:{keyNode.Start.Line}: unknown key '{key}'" +
                                            (close.Count > 0 ? $"; did you mean '{close[0]}'?" : $"; known keys: {string.Join(", ", TopKeys)}."));
            }
            values[key] = value;
        }

        var settings = new SweepSettings(
            Seed: OptionalInt(values, "seed", source) ?? 42,
            RandomProjection: OptionalChoice(values, "random_projection", source, "none", "dense", "sparse") is { } p && p != "none" ? p : null,
            Aggregation: OptionalChoice(values, "aggregation", source, "none", "concatenate", "stack") ?? "none",
            Compat: OptionalChoice(values, "compat", source, "fixed", "bbscore") ?? "fixed",
            BatchSize: OptionalInt(values, "batch_size", source));
        if (settings.BatchSize is < 1) throw new ArgumentException($"{source}:{values["batch_size"].Start.Line}: batch_size must be at least 1.");

        var modelLayers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (values.TryGetValue("model_layers", out var perModel))
        {
            if (perModel is not YamlMappingNode mapping)
                throw new ArgumentException($"{source}:{perModel.Start.Line}: 'model_layers' maps a model key to its layer list, e.g. 'resnet18: [layer3, layer4]'.");
            foreach (var (keyNode, list) in mapping.Children)
                modelLayers[Scalar(keyNode, source, "a model key")] = List(list, source, "model_layers." + ((YamlScalarNode)keyNode).Value);
        }

        return new SweepSpec(
            source,
            RequiredList(values, "models", source),
            values.ContainsKey("layers") || modelLayers.Count == 0 ? RequiredList(values, "layers", source) : [],
            modelLayers,
            RequiredList(values, "benchmarks", source),
            RequiredList(values, "metrics", source),
            settings);
    }

    static string Reason(YamlException e) => (e.InnerException?.Message ?? e.Message).Split('\n')[0].TrimEnd('.');

    static IReadOnlyList<string> RequiredList(Dictionary<string, YamlNode> values, string key, string source)
    {
        if (!values.TryGetValue(key, out var node))
            throw new ArgumentException($"{source}: '{key}' is missing; add e.g. '{key}: [{Example(key)}]'.");
        return List(node, source, key);
    }

    static string Example(string key) => key switch
    {
        "models" => "resnet18",
        "layers" => "layer3, layer4",
        "benchmarks" => "V1SineGratings",
        _ => "ridge",
    };

    /// <summary>A list of names, or one name written as a scalar.</summary>
    static IReadOnlyList<string> List(YamlNode node, string source, string key)
    {
        var items = node switch
        {
            YamlScalarNode scalar => [Scalar(scalar, source, key)],
            YamlSequenceNode sequence => sequence.Children.Select(c => Scalar(c, source, "an item of '" + key + "'")).ToList(),
            _ => throw new ArgumentException($"{source}:{node.Start.Line}: '{key}' must be a list of names, e.g. [a, b]."),
        };
        if (items.Count == 0) throw new ArgumentException($"{source}:{node.Start.Line}: '{key}' is empty; list at least one name.");
        return items;
    }

    static string Scalar(YamlNode node, string source, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : throw new ArgumentException($"{source}:{node.Start.Line}: {what} must be a plain non-empty name.");

    static int? OptionalInt(Dictionary<string, YamlNode> values, string key, string source)
    {
        if (!values.TryGetValue(key, out var node)) return null;
        string text = Scalar(node, source, "'" + key + "'");
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"{source}:{node.Start.Line}: '{key}' must be an integer, not '{text}'.");
    }

    static string? OptionalChoice(Dictionary<string, YamlNode> values, string key, string source, params string[] allowed)
    {
        if (!values.TryGetValue(key, out var node)) return null;
        string text = Scalar(node, source, "'" + key + "'").ToLowerInvariant();
        return allowed.Contains(text)
            ? text
            : throw new ArgumentException($"{source}:{node.Start.Line}: '{key}' must be one of {string.Join(", ", allowed)}, not '{text}'.");
    }
}
