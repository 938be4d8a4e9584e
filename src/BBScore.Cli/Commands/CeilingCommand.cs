using System.CommandLine;
using System.Globalization;
using BBScore.Benchmarks;
using BBScore.Datasets.LeBel;
using BBScore.Numerics;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore ceiling LeBel2023 --subject UTS01`: recomputes a participant's split-half noise ceiling from the
/// raw repeated-story runs (downloading them first) and stores it beside the published one, with how the two agree.</summary>
public static class CeilingCommand
{
    public static Command Create(CliContext context)
    {
        var benchmark = new Argument<string>("benchmark") { Description = "The dataset whose ceiling to recompute: LeBel2023 (any LeBel2023 benchmark name)." };
        var subject = new Option<string>("--subject") { Description = "The participant, UTS01 ... UTS08.", DefaultValueFactory = _ => "UTS01" };
        var offline = new Option<bool>("--offline") { Description = "Do not download: use the runs already in the data home, or list what is missing." };
        var command = new Command("ceiling", "Recompute a dataset's noise ceiling from its raw repeated runs (LeBel2023: split-half reliability of 'wheretheressmoke').")
        {
            benchmark, subject, offline,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var spec = BenchmarkCatalog.Resolve(parse.GetValue(benchmark)!);
            if (spec.Family != LeBelBenchmarks.Family)
                throw new ArgumentException($"'{spec.Name}' ships its ceiling with its data; 'bbscore ceiling' recomputes LeBel2023's split-half ceiling " +
                                            "(bbscore ceiling LeBel2023 --subject UTS01).");
            var result = LeBelCeilingRecompute.Run(context.Home, parse.GetValue(subject)!, context.Progress, parse.GetValue(offline));
            var c = CultureInfo.InvariantCulture;
            context.Out.WriteLine($"LeBel2023 {result.Subject}: split-half ceiling of '{LeBelSources.RepeatedStory}' from {result.Runs} runs " +
                                  $"({result.Trs} TRs, {result.PerVoxel.Length} voxels)");
            context.Out.WriteLine(string.Create(c, $"  per voxel: median {NanStatistics.Median(result.PerVoxel):F4}; " +
                $"{100.0 * result.PerVoxel.Count(r => r > LeBelCeiling.ReliableAbove) / result.PerVoxel.Length:F1}% above {LeBelCeiling.ReliableAbove}; " +
                $"per-TR spatial median {NanStatistics.Median(result.PerTrSpatial):F4}"));
            if (result.Published is { } published)
            {
                double r = Numerics.Correlation.VectorPearson.Compute(published, result.PerVoxel);
                double largest = published.Zip(result.PerVoxel, (a, b) => Math.Abs(a - b)).Max();
                context.Out.WriteLine(string.Create(c, $"  against the published ceiling: r = {r:F4}, largest difference {largest:G4}"));
            }
            else context.Out.WriteLine("  the published ceiling is not downloaded (or has another voxel count): no comparison");
            context.Out.WriteLine($"  saved: {result.SavedPath}");
            return 0;
        }));
        return command;
    }
}
