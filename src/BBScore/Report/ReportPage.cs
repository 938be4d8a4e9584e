namespace BBScore.Report;

/// <summary>Everything the page shows, before any HTML or pixels: built by <see cref="ReportPageBuilder"/>, written
/// by <see cref="Rendering.ReportWriter"/>.</summary>
/// <param name="Source">Where the results came from (the results database), shown in the page header.</param>
/// <param name="Filters">The command's filters as "--model resnet18"-style text; empty when none.</param>
public sealed record ReportPage(
    string Title, DateTimeOffset Generated, string Source, string Filters,
    IReadOnlyList<LeaderboardRow> Leaderboard, IReadOnlyList<ReportSection> Sections)
{
    public IEnumerable<PlotSpec> Plots => Sections.SelectMany(s => s.Figures).Select(f => f.Plot);
}

/// <summary>A titled group of figures; <paramref name="Note"/> explains what is (or is not) shown.</summary>
public sealed record ReportSection(string Id, string Heading, string? Note, IReadOnlyList<ReportFigure> Figures);

/// <summary>A plot with its caption and a few named numbers shown beside it.</summary>
public sealed record ReportFigure(PlotSpec Plot, string Caption, IReadOnlyList<KeyValuePair<string, string>> Facts)
{
    public ReportFigure(PlotSpec plot, string caption) : this(plot, caption, []) { }
}
