using System.CommandLine;
using BBScore.Benchmarks;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore download &lt;benchmark&gt;...`: fetches the benchmarks' data files into the data home ahead of a
/// run (resumable, verified, locked per file), or with <c>--offline</c> only checks that they are all there.</summary>
public static class DownloadCommand
{
    public static Command Create(CliContext context)
    {
        var benchmarks = new Argument<string[]>("benchmark") { Description = "Benchmark names (see 'bbscore list benchmarks').", Arity = ArgumentArity.OneOrMore };
        var offline = new Option<bool>("--offline") { Description = "Do not download: report which files are missing and where they go." };
        var command = new Command("download", "Download the data files of one or more benchmarks into the data home.") { benchmarks, offline };
        command.SetAction(parse => context.Guard(() =>
        {
            // Resolve every name first, so a typo fails before any download starts.
            var specs = parse.GetValue(benchmarks)!.Select(BenchmarkCatalog.Resolve).Distinct().ToList();
            foreach (var spec in specs)
            {
                if (spec.Fetch is null)
                {
                    context.Out.WriteLine($"{spec.Name}: nothing to download (its stimuli and targets are generated or given on the command line).");
                    continue;
                }
                var paths = spec.Fetch(context.Home, context.Progress, parse.GetValue(offline));
                context.Out.WriteLine($"{spec.Name}: {paths.Count} file(s) ready under {context.Home.DatasetsDir}");
                foreach (var path in paths) context.Out.WriteLine($"  {path}");
            }
            return 0;
        }));
        return command;
    }
}
