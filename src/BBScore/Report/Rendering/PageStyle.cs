namespace BBScore.Report.Rendering;

/// <summary>The page's stylesheet, inlined so the page is one self-contained file beside its plots.</summary>
public static class PageStyle
{
    public const string Css = """
        body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 2em auto; max-width: 1500px; color: #222; padding: 0 1em; }
        h1 { margin-bottom: 0.2em; }
        .meta { color: #666; font-size: 0.9em; }
        table { border-collapse: collapse; font-size: 0.9em; }
        th, td { padding: 0.3em 0.7em; border-bottom: 1px solid #ddd; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .table-wrap { overflow-x: auto; }
        th { background: #f3f3f3; cursor: pointer; user-select: none; white-space: nowrap; }
        th[aria-sort="ascending"]::after { content: " \25B2"; }
        th[aria-sort="descending"]::after { content: " \25BC"; }
        tbody tr:hover { background: #fafae8; }
        .note { color: #555; max-width: 60em; }
        figure { display: inline-block; vertical-align: top; margin: 1em 1em 1em 0; max-width: 820px; }
        figure img { width: 100%; max-width: 800px; border: 1px solid #eee; }
        figcaption { font-size: 0.85em; color: #444; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; font-size: 0.85em; margin: 0.4em 0; }
        dl.facts dt { color: #666; }
        dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
        """;
}
