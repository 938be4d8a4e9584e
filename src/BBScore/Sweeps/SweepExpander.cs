using System.Text.RegularExpressions;
using BBScore.Benchmarks;
using BBScore.Metrics;
using BBScore.Models;

namespace BBScore.Sweeps;

/// <summary>Turns a <see cref="SweepSpec"/> into its cells: model globs over the catalog, layer names as
/// written, <c>all</c> and layer globs over the model's own layer list (<see cref="IFeatureModel.ListLayers"/>,
/// opened offline: only models whose layers must be listed are opened). Benchmark and metric names are checked
/// (unknown ones fail with close matches) and written in their canonical spelling so cell keys do not depend on
/// how they were typed.</summary>
public sealed class SweepExpander(string modelsDir, Func<string, IReadOnlyList<string>>? listLayers = null)
{
    readonly Func<string, IReadOnlyList<string>> _listLayers = listLayers ?? (model => ListModelLayers(model, modelsDir));

    public IReadOnlyList<SweepCell> Expand(SweepSpec spec)
    {
        var models = spec.Models.SelectMany(m => ExpandModel(m, spec.Source)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var benchmarks = spec.Benchmarks.Select(b => BenchmarkCatalog.Resolve(b).Name).Distinct(StringComparer.Ordinal).ToList();
        var metrics = spec.Metrics.Select(m => MetricCatalog.Find(m).Key).Distinct(StringComparer.Ordinal).ToList();
        var cells = new List<SweepCell>();
        foreach (string model in models)
        {
            var layers = ExpandLayers(model, LayersFor(spec, model), spec.Source);
            foreach (string benchmark in benchmarks)
            foreach (string layer in layers)
            foreach (string metric in metrics)
                cells.Add(new SweepCell(model, layer, benchmark, metric, spec.Settings));
        }
        return cells;
    }

    static IReadOnlyList<string> LayersFor(SweepSpec spec, string model) =>
        spec.ModelLayers.FirstOrDefault(p => string.Equals(p.Key, model, StringComparison.OrdinalIgnoreCase)).Value is { } own
            ? own
            : spec.Layers.Count > 0
                ? spec.Layers
                : throw new ArgumentException($"{spec.Source}: model '{model}' has no layers: add it under 'model_layers' or give a top-level 'layers' list.");

    IReadOnlyList<string> ExpandModel(string pattern, string source)
    {
        if (!IsGlob(pattern)) return [pattern];
        var regex = GlobRegex(pattern);
        var matches = ModelCatalog.Keys.Where(k => regex.IsMatch(k)).ToList();
        return matches.Count > 0
            ? matches
            : throw new ArgumentException($"{source}: model pattern '{pattern}' matches no model key; see 'bbscore list models'.");
    }

    IReadOnlyList<string> ExpandLayers(string model, IReadOnlyList<string> patterns, string source)
    {
        var result = new List<string>();
        IReadOnlyList<string>? known = null;
        foreach (string pattern in patterns)
        {
            if (!IsGlob(pattern) && !string.Equals(pattern, "all", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(pattern);
                continue;
            }
            known ??= _listLayers(model);
            var regex = string.Equals(pattern, "all", StringComparison.OrdinalIgnoreCase) ? null : GlobRegex(pattern);
            var matches = known.Where(l => regex?.IsMatch(l) ?? true).ToList();
            if (matches.Count == 0)
                throw new ArgumentException($"{source}: layer pattern '{pattern}' matches no layer of '{model}'; see 'bbscore layers {model}'.");
            result.AddRange(matches);
        }
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    static IReadOnlyList<string> ListModelLayers(string model, string modelsDir)
    {
        using var opened = ModelCatalog.Open(model, new ModelOpenOptions { Offline = true }, modelsDir);
        return opened.ListLayers().Select(l => l.Name).ToList();
    }

    static bool IsGlob(string text) => text.IndexOfAny(['*', '?']) >= 0;

    /// <summary>Shell-style: <c>*</c> any run of characters (dots included, so <c>encoder.*</c> covers nested
    /// modules), <c>?</c> one character; the whole name must match, ignoring case.</summary>
    static Regex GlobRegex(string glob) =>
        new("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
