using System.CommandLine;
using BBScore.Benchmarks;
using BBScore.Metrics;
using BBScore.Models;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore list models|benchmarks|metrics`.</summary>
public static class ListCommand
{
    /// <summary>Which runtime a key uses, under the models table: ONNX Runtime was 2.3–2.5× faster than TorchSharp on
    /// the same ViT-B and VideoMAE-B weights (docs/PERFORMANCE.md, vit-runtimes), so an export wins wherever there is one.</summary>
    internal const string RuntimeNote =
        "Runtimes: hub and local ONNX exports run in ONNX Runtime, which is the default wherever a key has one (about 2.4x faster " +
        "than TorchSharp on ViT-B, docs/PERFORMANCE.md); 'ready (weights download on first use)' keys run their published weights " +
        "in TorchSharp, and an export at <models>/<key>/model.onnx takes precedence over them.";

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
                    context.Out.WriteLine(RuntimeNote);
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
