using BBScore.Results;

namespace BBScore.Sweeps;

/// <summary>Time estimates from the results store: a cell's metric time is the median over earlier results of
/// the same model, benchmark and metric; a group adds the median extraction time of earlier runs of the model
/// on that benchmark that extracted (cache misses; one forward pass serves every layer of a group). No earlier
/// run, no estimate: the first cells of a new model or benchmark say "unknown".</summary>
public sealed class SweepTimeEstimate
{
    readonly Dictionary<(string, string, string), double> _metric;
    readonly Dictionary<(string, string), double> _extraction;

    public SweepTimeEstimate(IEnumerable<StoredResult> history)
    {
        var rows = history.ToList();
        _metric = rows.GroupBy(r => (Lower(r.Model), Lower(r.Benchmark), Lower(r.Metric)))
            .ToDictionary(g => g.Key, g => Median(g.Select(r => r.Record.MetricSeconds)));
        _extraction = rows.Where(r => !r.Record.FeatureCacheHit).GroupBy(r => (Lower(r.Model), Lower(r.Benchmark)))
            .ToDictionary(g => g.Key, g => Median(g.Select(r => r.Record.ExtractionSeconds)));
    }

    /// <summary>Seconds the metric takes on this cell, or null.</summary>
    public double? Cell(SweepCell cell) =>
        _metric.TryGetValue((Lower(cell.Model), Lower(cell.Benchmark), Lower(cell.Metric)), out double s) ? s : null;

    /// <summary>Seconds the group takes (one extraction, then every cell), or null when a part is unknown.</summary>
    public double? Group(SweepGroup group)
    {
        if (!_extraction.TryGetValue((Lower(group.Model), Lower(group.Benchmark)), out double extraction)) return null;
        double total = extraction;
        foreach (var cell in group.Cells)
        {
            if (Cell(cell) is not double s) return null;
            total += s;
        }
        return total;
    }

    static string Lower(string s) => s.ToLowerInvariant();

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
