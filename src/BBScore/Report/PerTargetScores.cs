using BBScore.Metrics;
using BBScore.Results;

namespace BBScore.Report;

/// <summary>Per-target (voxel, unit, label) score maps as histograms: the regression metrics store
/// <c>raw_K</c> and <c>ceiled_K</c> as folds × targets for the headline <c>final_K</c>; the map of one target is its
/// mean over folds. A histogram shows how the median headline hides a spread of good and bad targets.</summary>
public static class PerTargetScores
{
    const int Bins = 30;

    public static ReportFigure? Figure(StoredResult result)
    {
        var scores = result.Record.Scores;
        if (!scores.HeadlineKey.StartsWith("final_", StringComparison.Ordinal)) return null;
        string name = scores.HeadlineKey["final_".Length..];
        var maps = new List<(string Label, double[] PerTarget)>();
        foreach (string prefix in (string[])["ceiled_", "raw_"])
            if (scores.TryGet(prefix + name, out var value) && PerTarget(value) is { Length: > 1 } perTarget)
                maps.Add((prefix + name, perTarget));
        if (maps.Count == 0) return null;
        // When no ceiling applies, ceiled_K equals raw_K: drawing both would only hide one under the other.
        if (result.Record.Ceiling is null && maps.Count == 2) maps.RemoveAt(1);

        var all = maps.SelectMany(m => m.PerTarget).ToArray();
        var span = Histogram.Spanning(all, Bins);
        if (span.Total == 0) return null;
        var series = maps.Select(m => new HistogramSeries(m.Label, Histogram.WithEdges(m.PerTarget, span.Edges))).ToList();
        var first = maps[0];
        var facts = new List<KeyValuePair<string, string>>
        {
            new("targets", first.PerTarget.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        foreach (var (label, perTarget) in maps)
            facts.Add(new($"median {label}", ReportNumbers.Format(Quantiles.Median(perTarget))));
        int missing = first.PerTarget.Count(v => !double.IsFinite(v));
        if (missing > 0) facts.Add(new("targets without a score (NaN)", missing.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var chart = new HistogramChart(PlotNames.For("targets", ResultLabel.Parts(result)),
            $"Per-target {name}: {ResultLabel.Of(result)}", $"{name} per target (mean over folds)", "targets", series);
        return new ReportFigure(chart, $"Per-target scores of {ResultLabel.Of(result)}.", facts);
    }

    /// <summary>One value per target: a 1-D array as is, a folds × targets array averaged over folds (NaN
    /// skipped); null for other shapes.</summary>
    public static double[]? PerTarget(ScoreValue value)
    {
        if (value.Shape.Length == 1) return value.Data;
        if (value.Shape.Length != 2) return null;
        int folds = value.Shape[0], targets = value.Shape[1];
        var mean = new double[targets];
        for (int t = 0; t < targets; t++)
        {
            double sum = 0;
            int n = 0;
            for (int f = 0; f < folds; f++)
            {
                double v = value.Data[f * targets + t];
                if (double.IsFinite(v)) { sum += v; n++; }
            }
            mean[t] = n == 0 ? double.NaN : sum / n;
        }
        return mean;
    }
}
