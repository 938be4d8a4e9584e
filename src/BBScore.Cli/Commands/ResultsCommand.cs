using System.CommandLine;
using BBScore.Results;

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
        var command = new Command("results", "List stored results (newest first).") { model, layer, benchmark, metric, limit };
        command.SetAction(parse => context.Guard(() =>
        {
            if (!File.Exists(context.Home.ResultsDatabase) && !(Directory.Exists(context.Home.ResultsDir) && Directory.EnumerateFiles(context.Home.ResultsDir, "*.json").Any()))
            {
                context.Out.WriteLine($"No results yet in {context.Home.ResultsDatabase}. Run 'bbscore run ...' first.");
                return 0;
            }
            var query = new ResultQuery
            {
                Model = parse.GetValue(model), Layer = parse.GetValue(layer), Benchmark = parse.GetValue(benchmark),
                Metric = parse.GetValue(metric), Limit = parse.GetValue(limit),
            };
            var (rows, unreadable) = StoredResults.List(context.Home, query, context.Progress.Warn);
            TextTable.Write(context.Out, ["timestamp", "model", "layer", "benchmark", "metric", "score", "json"],
                rows.Select(r => (IReadOnlyList<string>)[r.Record.Timestamp.ToString("yyyy-MM-dd HH:mm:ss"), r.Record.Model, r.Record.Layer,
                    r.Record.Benchmark, r.Record.Metric,
                    $"{r.Record.Scores.HeadlineKey}={ScorePrinter.FormatNumber(r.Record.Scores.Headline)}", r.JsonPath]));
            context.Out.WriteLine($"{rows.Count} result(s) from {context.Home.ResultsDatabase}");
            foreach (var (id, jsonPath) in unreadable)
                context.Progress.Warn($"result {id}: neither its database row nor {jsonPath} is a readable result; skipped.");
            return 0;
        }));
        return command;
    }
}
