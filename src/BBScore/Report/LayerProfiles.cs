using BBScore.Results;

namespace BBScore.Report;

/// <summary>Score against layer depth, one plot per (benchmark, metric) and one line per model.</summary>
/// <remarks>
/// Layer order: the store does not know a model's layer order (reading it needs the model, which a report must not
/// open), and run order says little (sweeps run layers in any order). Layers are therefore placed in natural order
/// of their names (<see cref="NaturalOrder"/>: <c>layer1</c> … <c>layer4</c>, <c>encoder.layer.2</c> before
/// <c>encoder.layer.11</c>), which matches depth for the usual numbered blocks; names that are not numbered by
/// depth (<c>conv1</c>, <c>avgpool</c>, <c>fc</c>) sort alphabetically. All models of a plot share one axis: the
/// union of their layer names in that order, so models with the same layer names line up.
/// </remarks>
public static class LayerProfiles
{
    public static IReadOnlyList<LineChart> Build(IEnumerable<StoredResult> latest) =>
        latest.GroupBy(r => (Benchmark: r.Benchmark, Metric: r.Metric), new BenchmarkMetricComparer())
            .OrderBy(g => g.Key.Benchmark, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Key.Metric, StringComparer.OrdinalIgnoreCase)
            .Select(g => ChartOf(g.Key.Benchmark, g.Key.Metric, g.ToList()))
            .ToList();

    public static LineChart ChartOf(string benchmark, string metric, IReadOnlyList<StoredResult> results)
    {
        var layers = results.Select(r => r.Layer).Distinct(StringComparer.Ordinal).Order(NaturalOrder.Instance).ToList();
        var position = layers.Select((layer, i) => (layer, i)).ToDictionary(p => p.layer, p => (double)p.i, StringComparer.Ordinal);
        // The headline key is the same for a benchmark and metric in practice; if results disagree, the newest names the axis.
        string headline = results.MaxBy(r => r.Timestamp)!.Record.Scores.HeadlineKey;
        bool ceiled = results.Any(r => HasCeiling(r));

        var lines = new List<LineSeries>();
        foreach (var model in results.GroupBy(r => r.Model, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, NaturalOrder.Instance))
        {
            var points = model.OrderBy(r => position[r.Layer]).ToList();
            var errors = points.Select(r => ErrorBar.For(r.Record.Scores, r.Record.Scores.HeadlineKey)).ToList();
            lines.Add(new LineSeries(model.Key,
                points.Select(r => position[r.Layer]).ToArray(),
                points.Select(r => r.Record.Scores.Headline).ToArray(),
                errors.Select(e => e.Low ?? double.NaN).ToArray(),
                errors.Select(e => e.High ?? double.NaN).ToArray()));
            // With a ceiling, the unceiled score beside the band shows how far the raw score is from the ceiling
            // (the ceiled headline divides each target by its ceiling before the median).
            if (ceiled && UnceiledKey(headline) is { } unceiled && points.All(r => r.Record.Scores.TryGet(unceiled, out var v) && v.IsScalar))
                lines.Add(new LineSeries(model.Key + " (unceiled)",
                    points.Select(r => position[r.Layer]).ToArray(),
                    points.Select(r => r.Record.Scores[unceiled].Scalar).ToArray(),
                    Dashed: true));
        }
        var bands = ceiled && CeilingBand(results) is { } band ? new[] { band } : [];
        string prefix = SharedPrefix(layers);
        return new LineChart(PlotNames.For("profile", benchmark, metric),
            $"{benchmark} · {metric}: score by layer",
            prefix.Length == 0 ? "layer (natural order of names)" : $"layer: {prefix}[tick] (natural order of names)", headline, lines, bands,
            layers.Select((layer, i) => new AxisTick(i, layer[prefix.Length..])).ToArray());
    }

    /// <summary>The dotted path all layer names start with (<c>_orig_mod.resnet.encoder.stages.</c>), shown once in the
    /// axis label so the ticks stay short enough to read; empty for a single layer or no shared dotted part.</summary>
    public static string SharedPrefix(IReadOnlyList<string> layers)
    {
        if (layers.Count < 2) return "";
        int length = layers.Min(l => l.Length);
        for (int i = 0; i < length; i++)
            if (layers.Any(l => l[i] != layers[0][i])) { length = i; break; }
        // Cut after a dot, and never take a whole name (each tick keeps at least its last part).
        int dot = layers[0].LastIndexOf('.', Math.Max(0, Math.Min(length, layers.Min(l => l.Length) - 1) - 1));
        return dot < 0 ? "" : layers[0][..(dot + 1)];
    }

    /// <summary><c>final_pearson</c> → <c>final_unceiled_pearson</c> (the regression metrics' naming); null for
    /// headlines without an unceiled twin.</summary>
    public static string? UnceiledKey(string headline) =>
        headline.StartsWith("final_", StringComparison.Ordinal) && !headline.StartsWith("final_unceiled_", StringComparison.Ordinal)
            ? "final_unceiled_" + headline["final_".Length..] : null;

    /// <summary>The noise ceiling's spread over targets: the interquartile range with the median, from the newest
    /// result that has a ceiling (results of one benchmark share it, unless compat modes differ).</summary>
    public static HorizontalBand? CeilingBand(IEnumerable<StoredResult> results)
    {
        var ceiling = results.Where(HasCeiling).MaxBy(r => r.Timestamp)?.Record.Ceiling;
        if (ceiling is null) return null;
        return new HorizontalBand("noise ceiling (per-target IQR, median line)",
            Quantiles.Of(ceiling, 0.25), Quantiles.Of(ceiling, 0.75), Quantiles.Median(ceiling));
    }

    static bool HasCeiling(StoredResult r) => r.Record.Ceiling is { } c && c.Any(double.IsFinite);

    sealed class BenchmarkMetricComparer : IEqualityComparer<(string Benchmark, string Metric)>
    {
        public bool Equals((string Benchmark, string Metric) x, (string Benchmark, string Metric) y) =>
            string.Equals(x.Benchmark, y.Benchmark, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Metric, y.Metric, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Benchmark, string Metric) key) =>
            HashCode.Combine(key.Benchmark.ToLowerInvariant(), key.Metric.ToLowerInvariant());
    }
}
