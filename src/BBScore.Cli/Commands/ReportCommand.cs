using System.CommandLine;
using BBScore.Report;
using BBScore.Report.Rendering;
using BBScore.Results;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore report`: a static HTML page (leaderboard + plots) made only from the results store; nothing is
/// run. See docs/REPORT.md.</summary>
public static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var benchmark = new Option<string?>("--benchmark") { Description = "Only this benchmark." };
        var model = new Option<string?>("--model") { Description = "Only this model." };
        var metric = new Option<string?>("--metric") { Description = "Only this metric." };
        var output = new Option<string>("--out")
        {
            Description = "The folder to write index.html and plots/ into (created if missing).",
            DefaultValueFactory = _ => "report",
        };
        var command = new Command("report", "Write a static HTML report (leaderboard, layer profiles, per-result plots) of the stored results.")
        {
            benchmark, model, metric, output,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            string folder = CheckOutputFolder(parse.GetValue(output));
            if (!File.Exists(context.Home.ResultsDatabase) && !(Directory.Exists(context.Home.ResultsDir) && Directory.EnumerateFiles(context.Home.ResultsDir, "*.json").Any()))
            {
                context.Error.WriteLine($"error: no results yet in {context.Home.ResultsDatabase}; run 'bbscore run ...' first, then 'bbscore report'. Nothing was written.");
                return 1;
            }
            var query = new ResultQuery
            {
                Model = parse.GetValue(model),
                // Results store the canonical name; an alias (V1SineGratings) finds them too.
                Benchmark = parse.GetValue(benchmark) is { } b ? Benchmarks.BenchmarkCatalog.Find(b)?.Name ?? b : null,
                Metric = parse.GetValue(metric),
                Limit = int.MaxValue,
            };
            string filters = string.Join(" ", new[] { ("--model", query.Model), ("--benchmark", query.Benchmark), ("--metric", query.Metric) }
                .Where(f => f.Item2 is not null).Select(f => $"{f.Item1} {f.Item2}"));
            // Fails here, before anything is read or written, when the plot font is missing.
            var renderer = new PlotRenderer();
            var (rows, unreadable) = StoredResults.List(context.Home, query, context.Progress.Warn);
            foreach (var (id, jsonPath) in unreadable)
                context.Progress.Warn($"result {id}: neither its database row nor {jsonPath} is a readable result; skipped.");
            if (rows.Count == 0)
                throw new ArgumentException($"no stored result matches {filters}; 'bbscore results' lists the stored ones (drop or change the filter).");

            var page = ReportPageBuilder.Build(rows, context.Home.ResultsDatabase, filters, DateTimeOffset.UtcNow);
            string path = ReportWriter.Write(page, folder, renderer, context.Progress.Info);
            int plots = page.Plots.Count();
            context.Out.WriteLine($"report: {page.Leaderboard.Count} result(s), {plots} plot(s) (PNG + SVG) -> {path}");
            return 0;
        }));
        return command;
    }

    /// <summary>The output folder, full path; a file in its place or an empty name is a bad option (exit 2).</summary>
    static string CheckOutputFolder(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
            throw new ArgumentException("--out needs a folder name, e.g. --out report/");
        string full = Path.GetFullPath(folder);
        if (File.Exists(full))
            throw new ArgumentException($"--out {folder} is a file; give a folder for index.html and plots/ (e.g. --out report/).");
        return full;
    }
}
