using BBScore.Results;

namespace BBScore.Report;

/// <summary>RSA results. The <c>rsa</c> metric stores the comparisons of the model RDM with the brain RDM
/// (<c>rsa_scores.spearman</c>, <c>.corr</c>, <c>.kendall</c>, <c>.tau_a</c>, <c>.cosine</c>), not the RDMs
/// themselves, so the report shows the comparison scores as bars (with their 95% interval when stored). A result
/// that does store a square matrix under a key naming an RDM gets a heatmap of it as well.</summary>
public static class RsaFigures
{
    public const string ScoresPrefix = "rsa_scores.";

    public const string NoRdmNote =
        "The rsa metric stores the comparison scores of the model and brain RDMs, not the RDM matrices; the " +
        "per-comparison scores are shown instead of RDM heatmaps.";

    public static IReadOnlyList<ReportFigure> Figures(StoredResult result)
    {
        var figures = new List<ReportFigure>();
        if (ComparisonChart(result) is { } bars) figures.Add(bars);
        figures.AddRange(RdmHeatmaps(result));
        return figures;
    }

    /// <summary>One bar per scalar <c>rsa_scores.&lt;method&gt;</c>; null when the result has none.</summary>
    public static ReportFigure? ComparisonChart(StoredResult result)
    {
        var scores = result.Record.Scores;
        var bars = new List<BarItem>();
        foreach (var (key, value) in scores)
        {
            if (!key.StartsWith(ScoresPrefix, StringComparison.Ordinal) || !value.IsScalar || IsUncertaintyKey(key)) continue;
            var error = ErrorBar.For(scores, key);
            bars.Add(new BarItem(key[ScoresPrefix.Length..], value.Scalar, error.Low, error.High));
        }
        if (bars.Count == 0) return null;
        var chart = new BarChart(PlotNames.For("rsa", ResultLabel.Parts(result)), $"RSA comparisons: {ResultLabel.Of(result)}",
            "comparison of model RDM with brain RDM", "score", bars);
        var facts = bars.Select(b => new KeyValuePair<string, string>(b.Label,
            ReportNumbers.Format(b.Value) + (b.Low is { } lo && b.High is { } hi ? $" [{ReportNumbers.Format(lo)}, {ReportNumbers.Format(hi)}]" : ""))).ToList();
        return new ReportFigure(chart, $"RSA comparison scores of {ResultLabel.Of(result)} (no RDM stored).", facts);
    }

    /// <summary>Square 2-D arrays whose key names an RDM.</summary>
    public static IEnumerable<ReportFigure> RdmHeatmaps(StoredResult result)
    {
        foreach (var (key, value) in result.Record.Scores)
        {
            if (!key.Contains("rdm", StringComparison.OrdinalIgnoreCase) || value.Shape is not [var rows, var cols] || rows != cols || rows < 2) continue;
            var chart = new HeatmapChart(PlotNames.For("rdm", [.. ResultLabel.Parts(result), key]), $"{key}: {ResultLabel.Of(result)}",
                "stimulus", "stimulus", rows, value.Data);
            yield return new ReportFigure(chart, $"{key} ({rows} × {rows}) of {ResultLabel.Of(result)}.");
        }
    }

    static bool IsUncertaintyKey(string key) =>
        key.EndsWith("_se", StringComparison.Ordinal) || key.EndsWith("_ci95", StringComparison.Ordinal);
}
