using System.CommandLine;
using BBScore.Results;
using BBScore.Results.Export;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore results`: stored scores, newest first, filtered by model/layer/benchmark/metric.</summary>
public static class ResultsCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "Only this model." };
        var layer = new Option<string?>("--layer") { Description = "Only this layer." };
        var benchmark = new Option<string?>("--benchmark") { Description = "Only this benchmark." };
        var metric = new Option<string?>("--metric") { Description = "Only this metric." };
        var limit = new Option<int>("--limit") { Description = "At most this many rows.", DefaultValueFactory = _ => 50 };
        var bestLayer = new Option<bool>("--best-layer") { Description = "Per model, benchmark and metric: the layer with the best score (over all matching results)." };
        var export = new Option<string?>("--export") { Description = "Write every matching result to this .csv or .parquet file (one row per result)." };
        var command = new Command("results", "List stored results (newest first).") { model, layer, benchmark, metric, limit, bestLayer, export };
        command.SetAction(parse => context.Guard(() =>
        {
            if (!File.Exists(context.Home.ResultsDatabase) && !(Directory.Exists(context.Home.ResultsDir) && Directory.EnumerateFiles(context.Home.ResultsDir, "*.json").Any()))
            {
                context.Out.WriteLine($"No results yet in {context.Home.ResultsDatabase}. Run 'bbscore run ...' first.");
                return 0;
            }
            var query = new ResultQuery
            {
                Model = parse.GetValue(model), Layer = parse.GetValue(layer),
                // Results store the canonical name; an alias (V1SineGratings) finds them too.
                Benchmark = parse.GetValue(benchmark) is { } b ? Benchmarks.BenchmarkCatalog.Find(b)?.Name ?? b : null,
                Metric = parse.GetValue(metric),
                // A best layer or an export covers every matching result; --limit only shortens the listing.
                Limit = parse.GetValue(bestLayer) || parse.GetValue(export) is not null ? int.MaxValue : parse.GetValue(limit),
            };
            var (rows, unreadable) = StoredResults.List(context.Home, query, context.Progress.Warn);
            foreach (var (id, jsonPath) in unreadable)
                context.Progress.Warn($"result {id}: neither its database row nor {jsonPath} is a readable result; skipped.");
            if (parse.GetValue(export) is { } exportPath)
            {
                ResultExport.Write(exportPath, rows.Select(ResultExportRow.From).ToList());
                context.Out.WriteLine($"{rows.Count} result(s) written to {exportPath}");
                return 0;
            }
            if (parse.GetValue(bestLayer))
            {
                var best = BestLayers.Find(rows);
                TextTable.Write(context.Out, ["model", "benchmark", "metric", "best layer", "score", "layers"],
                    best.Select(b => (IReadOnlyList<string>)[b.Model, b.Benchmark, b.Metric, b.Layer,
                        $"{b.HeadlineKey}={ScorePrinter.FormatNumber(b.Score)}", b.LayersCompared.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
                return 0;
            }
            TextTable.Write(context.Out, ["timestamp", "model", "layer", "benchmark", "metric", "score", "json"],
                rows.Select(r => (IReadOnlyList<string>)[r.Record.Timestamp.ToString("yyyy-MM-dd HH:mm:ss"), r.Record.Model, r.Record.Layer,
                    r.Record.Benchmark, r.Record.Metric,
                    $"{r.Record.Scores.HeadlineKey}={ScorePrinter.FormatNumber(r.Record.Scores.Headline)}" +
                    (Metrics.HeadlineUncertainty.Of(r.Record.Scores)?.Describe(ScorePrinter.FormatNumber) ?? ""), r.JsonPath]));
            context.Out.WriteLine($"{rows.Count} result(s) from {context.Home.ResultsDatabase}");
            return 0;
        }));
        return command;
    }
}
