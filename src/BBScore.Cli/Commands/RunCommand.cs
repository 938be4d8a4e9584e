using System.CommandLine;
using BBScore.Data.Download;
using System.Globalization;
using BBScore.Benchmarks;
using BBScore.Features;
using BBScore.Metrics;
using BBScore.Pipeline;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore run`: the original run.py's flags (same names and defaults) plus --seed,
/// --device and --compat.</summary>
public static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model key (see 'bbscore list models'), a path to an .onnx file, or None for assembly-to-assembly benchmarks.", DefaultValueFactory = _ => "videomae_base" };
        var layer = new Option<string[]>("--layer") { Description = "Layer name(s), e.g. layer4 or _orig_mod.resnet.encoder.stages.3 (see 'bbscore layers <model>').", AllowMultipleArgumentsPerToken = true };
        var benchmark = new Option<string>("--benchmark") { Description = "Benchmark name (see 'bbscore list benchmarks').", DefaultValueFactory = _ => "NSDV1Shared" };
        var metric = new Option<string[]>("--metric") { Description = "One or more metric keys (see 'bbscore list metrics').", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["ridge"] };
        var batchSize = new Option<int[]>("--batch-size") { Description = "Batch size: N or N N' (second value for the test set); default: chosen from free memory, at most 16.", AllowMultipleArgumentsPerToken = true };
        var debug = new Option<bool>("--debug") { Description = "More detailed logging." };
        var smartMemory = new Option<bool>("--use-ridge-smart-memory") { Description = "Accepted for compatibility; features stream to disk so this is not needed." };
        var projection = new Option<string?>("--random-projection") { Description = "Random projection of features to 1024 dims: dense or sparse." };
        projection.AcceptOnlyFromAmong("dense", "sparse");
        var aggregation = new Option<string>("--aggregation-mode") { Description = "How to combine layers: none (separate), concatenate (feature concat), stack (new axis).", DefaultValueFactory = _ => "none" };
        aggregation.AcceptOnlyFromAmong("none", "concatenate", "stack");
        var seed = new Option<int>("--seed") { Description = "Seed for every random choice (folds, projections).", DefaultValueFactory = _ => 42 };
        var device = new Option<string>("--device") { Description = "cpu, or cuda:N when the CUDA build of ONNX Runtime is present.", DefaultValueFactory = _ => "cpu" };
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Resamples behind each headline score's error bar (_se, _ci95): a bootstrap over the held-out stimuli with the fitted predictions fixed. 0 turns it off.",
            DefaultValueFactory = _ => ScoreUncertainty.DefaultResamples,
        };
        var subsample = new Option<int?>("--subsample-features-for-alpha") { Description = "Ridge: choose one alpha on this many seeded random feature columns, then fit all features with it." };
        var compat = new Option<string>("--compat") { Description = "fixed (default: documented fixes) or bbscore (reproduce the original's numbers).", DefaultValueFactory = _ => "fixed" };
        compat.AcceptOnlyFromAmong("fixed", "bbscore");
        var stimuli = new Option<string?>("--stimuli") { Description = "Your own images instead of --benchmark: a folder (sorted by file name) or a CSV with a 'path' and optional 'split' (train/test) column." };
        var targets = new Option<string?>("--targets") { Description = "With --stimuli: responses, .npy, one row per image in the stimulus order (stimuli × targets)." };
        var noFallback = new Option<bool>("--no-fallback") { Description = "Never try a second host when the first fails (NSD's Google Drive copy); also BBSCORE_NO_FALLBACK=1. A mirror (BBSCORE_DATA_URL) implies it." };
        var offline = new Option<bool>("--offline") { Description = "Never download: stop at once, listing the benchmark's missing data files and where to put them." };
        var memoryLimit = MemoryLimitOption.Create();
        var streamFeatures = new Option<bool>("--stream-features")
        {
            Description = "Ridge reads the features from the feature cache a block of columns at a time even when they would fit in memory " +
                          "(chosen automatically when they would not).",
        };
        var targetRdm = new Option<string?>("--target-rdm") { Description = "With --stimuli: precomputed target RDM(s), .npy: (N, N), condensed (N(N-1)/2,), or stacked per subject; for --metric rsa." };

        var command = new Command("run", "Run a benchmark: extract a model layer's features, score them with a metric, store the result.")
        {
            model, layer, benchmark, metric, batchSize, debug, smartMemory, projection, aggregation, seed, device, compat, subsample, bootstrap,
            stimuli, targets, targetRdm, offline, noFallback, memoryLimit, streamFeatures,
        };
        var online = OnlineScoreOptions.Create();
        online.AddTo(command);
        command.SetAction(parse => context.Guard(() =>
        {
            using var fallback = FallbackPolicy.Apply(parse.GetValue(noFallback));
            string[] layers = parse.GetValue(layer) ?? [];
            string modelKey = parse.GetValue(model)!;
            // Assembly-to-assembly benchmarks take no model: the default model key does not apply to them.
            if (parse.GetResult(model) is null or { Implicit: true }
                && BenchmarkCatalog.Find(parse.GetValue(benchmark)!) is { Kind: BenchmarkKind.AssemblyToAssembly })
                modelKey = BenchmarkRunner.NoModel;
            if (layers.Length == 0 && modelKey != BenchmarkRunner.NoModel)
                throw new ArgumentException("--layer is required (e.g. --layer layer4); list a model's layers with 'bbscore layers <model>'.");
            if (parse.GetValue(smartMemory))
                context.Progress.Info("--use-ridge-smart-memory: not needed here (features stream to the on-disk cache); ignored.");
            string? projectionText = parse.GetValue(projection);
            var custom = CustomStimuli(parse.GetValue(stimuli), parse.GetValue(targets), parse.GetValue(targetRdm),
                benchmarkGiven: parse.GetResult(benchmark) is { Implicit: false });
            var request = new RunRequest(
                Model: modelKey,
                Layers: layers,
                Benchmark: parse.GetValue(benchmark)!,
                Metrics: parse.GetValue(metric) ?? ["ridge"],
                BatchSizes: parse.GetValue(batchSize) ?? [],
                Aggregation: LayerAggregation.Parse(parse.GetValue(aggregation)!),
                Projection: projectionText is null ? null : RandomProjection.Parse(projectionText),
                Seed: parse.GetValue(seed),
                Device: parse.GetValue(device)!,
                Compat: parse.GetValue(compat) == "bbscore" ? CompatMode.BBScore : CompatMode.Fixed,
                SubsampleFeaturesForAlpha: parse.GetValue(subsample),
                CustomStimuli: custom,
                Offline: parse.GetValue(offline)) { Online = online.Read(parse), Bootstrap = parse.GetValue(bootstrap), MemoryLimit = MemoryLimitOption.Read(parse, memoryLimit),
                StreamFeatures = parse.GetValue(streamFeatures) };
            if (request.Bootstrap < 0) throw new ArgumentException("--bootstrap must be 0 (off) or a number of resamples.");
            if (request.SubsampleFeaturesForAlpha is < 1) throw new ArgumentException("--subsample-features-for-alpha must be at least 1.");
            if (request.BatchSizes.Any(b => b < 1)) throw new ArgumentException("--batch-size values must be at least 1.");
            using var interrupt = new InterruptScope();
            var results = new BenchmarkRunner(context.Home, context.Progress).Run(request, interrupt.Token);
            ScorePrinter.Print(context.Out, results, parse.GetValue(debug));
            foreach (var nan in results.Where(r => double.IsNaN(r.Record.Scores.Headline)))
                context.Progress.Warn($"{nan.Record.Metric} on {nan.Record.Layer}: the score ({nan.Record.Scores.HeadlineKey}) is NaN (undefined: constant " +
                                      "features or targets, or too few valid values); it was stored, but it does not rank this layer.");
            foreach (string indexError in results.Select(r => r.IndexError).OfType<string>().Distinct())
                context.Error.WriteLine("error: " + indexError);
            return results.Any(r => r.IndexError is not null) ? 1 : 0;
        }));
        return command;
    }

    /// <summary>The ad-hoc benchmark's files, or null for a named --benchmark.</summary>
    static AdHocBenchmarkFiles? CustomStimuli(string? stimuli, string? targets, string? targetRdm, bool benchmarkGiven)
    {
        if (stimuli is null)
        {
            if (targets is not null || targetRdm is not null)
                throw new ArgumentException("--targets and --target-rdm go with --stimuli (your own images); a --benchmark brings its own targets.");
            return null;
        }
        if (benchmarkGiven)
            throw new ArgumentException("--benchmark and --stimuli are mutually exclusive: use a named benchmark, or your own images with --stimuli.");
        var files = new AdHocBenchmarkFiles(stimuli, targets, targetRdm);
        files.Validate();
        return files;
    }
}

/// <summary>Prints results the way run.py does: a block per layer with `key: value` lines.</summary>
public static class ScorePrinter
{
    public static void Print(TextWriter output, IReadOnlyList<SavedResult> results, bool full)
    {
        foreach (var layerGroup in results.GroupBy(r => r.Record.Layer))
        {
            output.WriteLine($">>> Layer: {layerGroup.Key}");
            foreach (var result in layerGroup)
            {
                var record = result.Record;
                output.WriteLine($"  {record.Metric} on {record.Benchmark} ({record.Model}):");
                foreach (var (key, value) in record.Scores)
                {
                    if (!value.IsScalar && !full && value.Data.Length > 16)
                    {
                        output.WriteLine($"    {key}: array{FormatShape(value.Shape)}");
                        continue;
                    }
                    output.WriteLine($"    {key}: {Format(value)}");
                }
                output.WriteLine($"    score ({record.Scores.HeadlineKey}): {FormatNumber(record.Scores.Headline)}" +
                                 (HeadlineUncertainty.Of(record.Scores) is { } bar
                                     ? bar.Describe(FormatNumber) + $" (bootstrap SE and 95% interval)"
                                     : HeadlineUncertainty.Note(record.Scores) is { } why ? $" (no error bar: {why})" : ""));
                output.WriteLine($"    feature cache: {(record.FeatureCacheHit ? "hit" : "miss")}, extraction {record.ExtractionSeconds:F2} s, metric {record.MetricSeconds:F2} s");
                output.WriteLine($"    saved: {result.JsonPath}");
            }
        }
    }

    static string FormatShape(int[] shape) => "(" + string.Join(", ", shape) + ")";

    static string Format(Metrics.ScoreValue value) =>
        value.IsScalar ? FormatNumber(value.Scalar) : "[" + string.Join(", ", value.Data.Select(FormatNumber)) + "]";

    public static string FormatNumber(double v) => double.IsNaN(v) ? "nan" : v.ToString("G6", CultureInfo.InvariantCulture);
}
