using System.Globalization;
using BBScore.Metrics.Tuning;
using BBScore.Results;

namespace BBScore.Report;

/// <summary><c>orientation_selectivity</c> results: which orientations the units prefer (<c>preference_percent</c>
/// over <c>orientations</c>, in degrees) and how selective they are (the per-unit circular variance <c>cv</c>:
/// 0 = responds to one orientation only, 1 = untuned; 1 − CV is the usual orientation selectivity index).</summary>
public static class OrientationTuning
{
    const int CvBins = 20;

    public static IReadOnlyList<ReportFigure> Figures(StoredResult result)
    {
        var scores = result.Record.Scores;
        var figures = new List<ReportFigure>();
        var facts = new List<KeyValuePair<string, string>>();
        foreach (string key in (string[])["mean_cv", "median_cv", "per_selective_thresh_06", "per_selective_thresh_mean", "cardinality_index"])
            if (scores.TryGet(key, out var v) && v.IsScalar)
                facts.Add(new(key, ReportNumbers.Format(v.Scalar)));

        if (scores.TryGet("orientations", out var orientations) && scores.TryGet("preference_percent", out var percent)
            && orientations.Shape.Length == 1 && percent.Data.Length == orientations.Data.Length && orientations.Data.Length > 0)
        {
            var bars = orientations.Data.Zip(percent.Data, (angle, p) => new BarItem(angle.ToString("0.##", CultureInfo.InvariantCulture) + "°", p)).ToList();
            var chart = new BarChart(PlotNames.For("orientation-preference", ResultLabel.Parts(result)),
                $"Preferred orientation: {ResultLabel.Of(result)}", "orientation (degrees)", "units preferring it (%)", bars);
            figures.Add(new ReportFigure(chart, $"Share of units preferring each orientation, {ResultLabel.Of(result)}.", facts));
        }
        if (scores.TryGet("cv", out var cv) && cv.Shape.Length == 1 && cv.Data.Length > 0)
        {
            var histogram = Histogram.Uniform(cv.Data, 0, 1, CvBins);
            var chart = new HistogramChart(PlotNames.For("orientation-cv", ResultLabel.Parts(result)),
                $"Circular variance per unit: {ResultLabel.Of(result)}", "circular variance (0 = selective, 1 = untuned)", "units",
                [new HistogramSeries($"{cv.Data.Length} units", histogram)]);
            figures.Add(new ReportFigure(chart,
                $"Orientation selectivity of {cv.Data.Length.ToString(CultureInfo.InvariantCulture)} units, {ResultLabel.Of(result)}; " +
                "units left of 0.6 count as selective.", figures.Count == 0 ? facts : []));
        }
        return figures;
    }

    public static bool Applies(StoredResult result) =>
        string.Equals(result.Metric, OrientationSelectivity.MetricKey, StringComparison.OrdinalIgnoreCase);
}
