using System.Text;

namespace BBScore.Report.Rendering;

/// <summary>Writes the page's HTML: the leaderboard and each section's figures, with the stylesheet and the sort
/// script inlined and the plots referenced as <c>plots/NAME.png</c> (each linking to its SVG), so the folder opens
/// from disk with no server and no network.</summary>
public static class HtmlPageWriter
{
    public const string PlotFolder = "plots";

    /// <summary>Column headers and whether each sorts as a number, in the order of the cells in each row.</summary>
    static readonly (string Header, bool Numeric)[] Columns =
    [
        ("model", false), ("layer", false), ("benchmark", false), ("metric", false), ("headline key", false),
        ("score", true), ("error bar", true), ("ceiling (median)", true),
    ];

    public static string Write(ReportPage page)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>{E(page.Title)}</title>");
        html.AppendLine("<style>").AppendLine(PageStyle.Css).AppendLine("</style></head><body>");
        html.AppendLine($"<h1>{E(page.Title)}</h1>");
        html.Append("<p class=\"meta\">").Append(E($"{page.Leaderboard.Count} result(s) from {page.Source}"));
        if (page.Filters.Length > 0) html.Append(E($", filtered by {page.Filters}"));
        html.Append(E($"; generated {page.Generated.ToUniversalTime():yyyy-MM-dd HH:mm} UTC. One row per model, layer, benchmark and metric (its latest result)."));
        html.AppendLine("</p>");
        if (page.Sections.Count > 0)
        {
            html.Append("<nav><p>Plots: ");
            html.AppendJoin(" · ", page.Sections.Select(s => $"<a href=\"#{E(s.Id)}\">{E(s.Heading)}</a>"));
            html.AppendLine("</p></nav>");
        }
        WriteLeaderboard(html, page.Leaderboard);
        foreach (var section in page.Sections) WriteSection(html, section);
        html.AppendLine("<script>").AppendLine(TableSortScript.Source).AppendLine("</script>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    static void WriteLeaderboard(StringBuilder html, IReadOnlyList<LeaderboardRow> rows)
    {
        html.AppendLine("<h2 id=\"leaderboard-heading\">Leaderboard</h2>");
        html.AppendLine("<p class=\"note\">Click a column header to sort by it (again to reverse). Error bar: ± standard error " +
                        "and [95% interval] when the result stores them (<code>&lt;headline&gt;_se</code>, <code>&lt;headline&gt;_ci95</code>), else —. " +
                        "Ceiling: median over targets of the per-target noise ceiling the score was divided by.</p>");
        html.AppendLine("<div class=\"table-wrap\"><table id=\"leaderboard\" aria-labelledby=\"leaderboard-heading\"><thead><tr>");
        foreach (var (header, numeric) in Columns)
            html.AppendLine($"<th scope=\"col\" tabindex=\"0\" data-type=\"{(numeric ? "number" : "text")}\">{E(header)}</th>");
        html.AppendLine("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (string text in (string[])[row.Model, row.Layer, row.Benchmark, row.Metric, row.HeadlineKey])
                html.Append($"<td>{E(text)}</td>");
            html.Append(NumberCell(ReportNumbers.SortKey(row.Score), ReportNumbers.Format(row.Score)));
            html.Append(NumberCell(row.ErrorSortKey, row.Error.Format()));
            html.Append(NumberCell(ReportNumbers.SortKey(row.CeilingMedian), row.CeilingMedian is { } c ? ReportNumbers.Format(c) : "—"));
            html.AppendLine("</tr>");
        }
        html.AppendLine("</tbody></table></div>");
    }

    static string NumberCell(string sortKey, string text) => $"<td class=\"num\" data-sort=\"{E(sortKey)}\">{E(text)}</td>";

    static void WriteSection(StringBuilder html, ReportSection section)
    {
        html.AppendLine($"<section id=\"{E(section.Id)}\"><h2>{E(section.Heading)}</h2>");
        if (section.Note is { } note) html.AppendLine($"<p class=\"note\">{E(note)}</p>");
        foreach (var figure in section.Figures)
        {
            string png = $"{PlotFolder}/{figure.Plot.Name}.png", svg = $"{PlotFolder}/{figure.Plot.Name}.svg";
            html.AppendLine("<figure>");
            html.AppendLine($"<a href=\"{E(svg)}\"><img src=\"{E(png)}\" alt=\"{E(figure.Plot.Title)}\" width=\"{PlotRenderer.Width}\" height=\"{PlotRenderer.Height}\" loading=\"eager\"></a>");
            html.Append($"<figcaption>{E(figure.Caption)} <a href=\"{E(svg)}\">SVG</a>");
            if (figure.Facts.Count > 0)
            {
                html.Append("<dl class=\"facts\">");
                foreach (var (key, value) in figure.Facts) html.Append($"<dt>{E(key)}</dt><dd>{E(value)}</dd>");
                html.Append("</dl>");
            }
            html.AppendLine("</figcaption></figure>");
        }
        html.AppendLine("</section>");
    }

    /// <summary>Escapes the characters that HTML gives a meaning (the page is UTF-8, so ±, ° and — stay as they are,
    /// unlike WebUtility.HtmlEncode, which turns them into numeric entities).</summary>
    static string E(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
}
