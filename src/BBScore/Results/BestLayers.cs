namespace BBScore.Results;

/// <summary>The best layer of each model per benchmark and metric, by headline score.</summary>
public sealed record BestLayer(string Model, string Benchmark, string Metric, string Layer, string HeadlineKey, double Score, int LayersCompared);

public static class BestLayers
{
    /// <summary>NaN scores rank no layer (they are undefined, not low); a (model, benchmark, metric) whose every
    /// score is NaN is left out. Ties go to the newest result, as the rows come newest first.</summary>
    public static IReadOnlyList<BestLayer> Find(IEnumerable<StoredResult> rows) =>
        rows.Where(r => !double.IsNaN(r.HeadlineValue))
            .GroupBy(r => (Model: r.Model.ToLowerInvariant(), Benchmark: r.Benchmark.ToLowerInvariant(), Metric: r.Metric.ToLowerInvariant()))
            .Select(g =>
            {
                var best = g.MaxBy(r => r.HeadlineValue)!;
                return new BestLayer(best.Model, best.Benchmark, best.Metric, best.Layer, best.HeadlineKey, best.HeadlineValue,
                    g.Select(r => r.Layer).Distinct(StringComparer.Ordinal).Count());
            })
            .OrderBy(b => b.Benchmark, StringComparer.Ordinal).ThenBy(b => b.Metric, StringComparer.Ordinal).ThenBy(b => b.Model, StringComparer.Ordinal)
            .ToList();
}
