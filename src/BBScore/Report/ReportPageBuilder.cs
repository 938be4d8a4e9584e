using BBScore.Results;

namespace BBScore.Report;

/// <summary>Builds the page model from stored results only: nothing here runs a model or a metric, so a report can be
/// made anywhere the results store is, offline.</summary>
public static class ReportPageBuilder
{
    public static ReportPage Build(IEnumerable<StoredResult> rows, string source, string filters, DateTimeOffset generated)
    {
        var latest = LatestResults.Of(rows);
        // Per-result sections list results in the leaderboard's order, so a result's plots are easy to find.
        var board = Leaderboard.Build(latest);
        var ordered = board
            .Select(row => latest.First(r => r.Id == row.ResultId))
            .ToList();

        var sections = new List<ReportSection>
        {
            new("profiles", "Layer profiles",
                "Headline score against layer, one line per model; shaded: the 95% interval when stored " +
                "(<headline>_ci95). Layers are placed in natural order of their names (layer1 … layer4), not read " +
                "from the model. With a noise ceiling, the band is the ceiling's interquartile range over targets and " +
                "dashed lines are the unceiled scores, on the same scale as the band.",
                LayerProfiles.Build(latest).Select(chart => new ReportFigure(chart, chart.Title)).ToList()),
            new("targets", "Per-target scores",
                "Histograms of the per-target (voxel, unit) scores behind the median headline, mean over folds.",
                ordered.Select(PerTargetScores.Figure).OfType<ReportFigure>().ToList()),
            new("rsa", "RSA", RsaFigures.NoRdmNote, ordered.SelectMany(RsaFigures.Figures).ToList()),
            new("orientation", "Orientation tuning",
                "orientation_selectivity results: preferred orientations and circular variance per unit.",
                ordered.Where(OrientationTuning.Applies).SelectMany(OrientationTuning.Figures).ToList()),
            new("alpha", "Ridge alpha",
                "Where the chosen per-target alpha sits on the grid; results store it when the fit chose one on a " +
                "test split (cross-validated scores do not keep the per-fold choice).",
                ordered.Select(AlphaDiagnostics.Figure).OfType<ReportFigure>().ToList()),
            new("training", "Training curves", "Online read-outs: loss and validation score per epoch.",
                ordered.Select(TrainingCurves.Figure).OfType<ReportFigure>().ToList()),
        };
        return new ReportPage("BBScore report", generated, source, filters, board,
            sections.Where(s => s.Figures.Count > 0).ToList());
    }
}
