using System.CommandLine;
using BBScore.Data.Download;
using BBScore.Benchmarks;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.Hub;
using BBScore.Models.TorchSharpModels;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore download &lt;benchmark&gt;... [--model &lt;key&gt;... [--revision &lt;commit-or-branch&gt;]]`: fetches the
/// benchmarks' data files and the hub models' ONNX exports into the data home ahead of a run (resumable, verified,
/// locked per file), or with <c>--offline</c> only checks that they are all there. <c>--revision</c> moves a hub
/// model's pinned commit.</summary>
public static class DownloadCommand
{
    public static Command Create(CliContext context)
    {
        var benchmarks = new Argument<string[]>("benchmark") { Description = "Benchmark names (see 'bbscore list benchmarks').", Arity = ArgumentArity.ZeroOrMore };
        var models = new Option<string[]>("--model")
        {
            Description = "Model keys whose ONNX export or weights come from the Hugging Face hub, or whose checkpoint from a URL (the original's S3 bucket, download.pytorch.org; see 'bbscore list models'); repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var noFallback = new Option<bool>("--no-fallback") { Description = "Never try a second host when the first fails (NSD's Google Drive copy); also BBSCORE_NO_FALLBACK=1. A mirror (BBSCORE_DATA_URL) implies it." };
        var offline = new Option<bool>("--offline") { Description = "Do not download: report which files are missing and where they go." };
        var revision = new Option<string?>("--revision")
        {
            Description = "With one hub --model: pin its branch to this commit (40 hex digits), or to the commit a branch or tag points to now; " +
                "the files of that commit are fetched first. Without it, a branch is pinned to its commit on the first download.",
        };
        var command = new Command("download", "Download the data files of benchmarks and the ONNX exports of hub models into the data home.")
        {
            benchmarks, models, offline, revision, noFallback,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            using var fallback = FallbackPolicy.Apply(parse.GetValue(noFallback));
            // Resolve every name first, so a typo fails before any download starts.
            var specs = (parse.GetValue(benchmarks) ?? []).Select(BenchmarkCatalog.Resolve).Distinct().ToList();
            var cards = (parse.GetValue(models) ?? []).Select(DownloadableCard).Distinct().ToList();
            if (specs.Count == 0 && cards.Count == 0)
                throw new ArgumentException("Name at least one benchmark or --model <key> to download.");
            string? pin = parse.GetValue(revision);
            // A commit belongs to one repository, so a pin names exactly one hub model.
            if (pin is not null && (cards.Count != 1 || !cards[0].Source.IsHub))
                throw new ArgumentException("--revision pins one hub model: give it with exactly one --model <key> whose source is the Hugging Face hub.");
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
            var options = new ModelOpenOptions { Offline = parse.GetValue(offline), Progress = context.Progress };
            foreach (var card in cards)
            {
                if (card.Source.IsCheckpointUrl)
                {
                    string checkpoint = CheckpointDownload.Ensure(context.Home.ModelsDir, card.Key, card.Source.Origin, options.Offline, context.Progress);
                    context.Out.WriteLine($"{card.Key}: checkpoint ready at {checkpoint}");
                    continue;
                }
                var snapshot = HubModel.Download(card, context.Home.ModelsDir, options, pin);
                context.Out.WriteLine($"{card.Key}: {snapshot.Paths.Count} file(s) ready under {snapshot.Files.RevisionDir}");
                foreach (var path in snapshot.Paths) context.Out.WriteLine($"  {path}");
                context.Out.WriteLine($"  revision: {snapshot.Files.PinDescription}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>The card of a key whose files can be downloaded (hub files, checkpoints at a URL); other keys fail
    /// with what they need instead.</summary>
    static ModelCard DownloadableCard(string key)
    {
        var card = ModelCards.Find(key)
            ?? throw new UnknownNameException("model", key, ModelCatalog.Keys, "Only hub models (see 'bbscore list models') have files to download.");
        if (card.Source.IsHub) return card;
        if (card.Source.IsCheckpointUrl && ModelCatalog.OfflineFamilies.Any(f => f.Supports(card))) return card;
        string why = card.Source.Kind == SourceKind.BuiltIn
            ? "it ships with BBScore and needs no download"
            : $"its weights are not on the hub (source: {card.Source})";
        throw new ArgumentException($"Model '{card.Key}' has nothing to download with --model: {why}.");
    }
}
