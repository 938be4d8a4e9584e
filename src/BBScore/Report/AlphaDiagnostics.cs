using System.Globalization;
using BBScore.Numerics.Ridge;
using BBScore.Results;

namespace BBScore.Report;

/// <summary>Where a ridge fit's chosen regularisation sits on its grid: a histogram of log10(<c>alpha</c>) over
/// targets (one bin per decade, as the default grid is 10⁻¹⁰ … 10¹⁰). Many targets at the grid's smallest or
/// largest alpha mean the grid was too narrow for the data.</summary>
public static class AlphaDiagnostics
{
    public const string Key = "alpha";

    public static ReportFigure? Figure(StoredResult result)
    {
        if (!result.Record.Scores.TryGet(Key, out var alpha)) return null;
        var chosen = alpha.Data.Where(a => double.IsFinite(a) && a > 0).ToArray();
        if (chosen.Length == 0) return null;

        var logs = chosen.Select(Math.Log10).ToArray();
        var grid = RidgeAlphas.Default;
        // One bin per decade, centred on the grid's powers of ten, widened to any alpha outside the default grid.
        int lowest = (int)Math.Floor(Math.Min(Math.Log10(grid.Min()), logs.Min()) + 0.5);
        int highest = (int)Math.Floor(Math.Max(Math.Log10(grid.Max()), logs.Max()) + 0.5);
        var edges = Enumerable.Range(lowest, highest - lowest + 2).Select(k => k - 0.5).ToArray();
        var histogram = Histogram.WithEdges(logs, edges);
        var ticks = Enumerable.Range(lowest, highest - lowest + 1).Where(k => k % 2 == 0)
            .Select(k => new AxisTick(k, "1e" + k.ToString(CultureInfo.InvariantCulture))).ToArray();

        var edgesCount = RidgeAlphas.CountAtEdges(chosen, grid);
        var facts = new List<KeyValuePair<string, string>>
        {
            new("targets", chosen.Length.ToString(CultureInfo.InvariantCulture)),
            new("median alpha", ReportNumbers.Format(Quantiles.Median(chosen))),
            new($"at the grid's smallest ({ReportNumbers.Format(edgesCount.SmallestAlpha)})", edgesCount.AtSmallest.ToString(CultureInfo.InvariantCulture)),
            new($"at the grid's largest ({ReportNumbers.Format(edgesCount.LargestAlpha)})", edgesCount.AtLargest.ToString(CultureInfo.InvariantCulture)),
        };
        var chart = new HistogramChart(PlotNames.For("alpha", ResultLabel.Parts(result)), $"Chosen ridge alpha: {ResultLabel.Of(result)}",
            "alpha (log scale, one bin per decade)", "targets", [new HistogramSeries($"{chosen.Length} targets", histogram)], ticks);
        return new ReportFigure(chart, $"Chosen alpha per target on the grid 1e-10 … 1e10, {ResultLabel.Of(result)}.", facts);
    }
}
