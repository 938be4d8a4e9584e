using System.CommandLine;
using BBScore.Benchmarks;
using BBScore.Metrics;
using BBScore.Models;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore list models|benchmarks|metrics`.</summary>
public static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var what = new Argument<string>("what") { Description = "models, benchmarks or metrics" };
        what.AcceptOnlyFromAmong("models", "benchmarks", "metrics");
        var command = new Command("list", "List the known models, benchmarks or metrics.") { what };
        command.SetAction(parse => context.Guard(() =>
        {
            switch (parse.GetValue(what))
            {
                case "models":
                    TextTable.Write(context.Out, ["model", "input", "status", "source"],
                        ModelCatalog.List(context.Home.ModelsDir).Select(m => (IReadOnlyList<string>)[m.Key, m.Kind, m.Status, m.Source]));
                    context.Out.WriteLine("Any ONNX file also works: --model path/to/model.onnx");
                    break;
                case "benchmarks":
                    TextTable.Write(context.Out, ["benchmark", "aliases", "family", "kind", "compatible metrics"],
                        BenchmarkCatalog.All.Select(b => (IReadOnlyList<string>)[b.Name, string.Join(",", b.Aliases), b.Family,
                            b.Kind.ToString(), string.Join(",", MetricCompatibility.CompatibleMetrics(b.Name) ?? ["any"])]));
                    break;
                default:
                    TextTable.Write(context.Out, ["metric", "family", "status"],
                        MetricCatalog.All.Select(m => (IReadOnlyList<string>)[m.Key, m.Family, m.Available ? "available" : "not yet in this version"]));
                    break;
            }
            return 0;
        }));
        return command;
    }
}
