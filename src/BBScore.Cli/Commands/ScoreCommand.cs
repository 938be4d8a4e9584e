using BBScore.Results;
using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using BBScore.Features;
using BBScore.Formats;
using BBScore.Metrics;
using BBScore.Metrics.Regression;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore score`: score features already on disk (.npy) against targets with a metric,
/// without a model or benchmark: the original's <c>metric.compute(source, target, ...)</c> from the
/// command line. Prints every scalar score (and array shapes); <c>--output</c> also writes the full
/// score dictionary as JSON.</summary>
public static class ScoreCommand
{
    public static Command Create(CliContext context)
    {
        var metric = new Option<string?>("--metric") { Description = "Metric key (see 'bbscore list metrics')." };
        var features = new Option<string?>("--features") { Description = "Features, .npy (stimuli × ...; flattened per stimulus)." };
        var targets = new Option<string?>("--targets") { Description = "Targets, .npy (stimuli × targets, or stimuli)." };
        var targetRdm = new Option<string?>("--target-rdm") { Description = "Instead of --targets, for --metric rsa: precomputed target RDM(s), .npy: (N, N), condensed (N(N-1)/2,), or stacked per subject." };
        var testFeatures = new Option<string?>("--test-features") { Description = "Held-out test features, .npy: fit on the training set, score once on this." };
        var testTargets = new Option<string?>("--test-targets") { Description = "Held-out test targets, .npy." };
        var ceiling = new Option<string?>("--ceiling") { Description = "Noise ceiling, .npy: one value per target, or one for all." };
        var stratify = new Option<string?>("--stratify") { Description = "Class label per training stimulus, .npy (integers): stratified folds." };
        var groups = new Option<string?>("--groups") { Description = "Group id per training stimulus, .npy (integers): folds never split a group." };
        var seed = new Option<int>("--seed") { Description = "Seed for the fold shuffle.", DefaultValueFactory = _ => 42 };
        var compat = new Option<string>("--compat") { Description = "fixed (default: documented fixes) or bbscore (reproduce the original's numbers).", DefaultValueFactory = _ => "fixed" };
        compat.AcceptOnlyFromAmong("fixed", "bbscore");
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Resamples behind each headline score's error bar (_se, _ci95): a bootstrap over the held-out stimuli with the fitted predictions fixed. 0 turns it off.",
            DefaultValueFactory = _ => ScoreUncertainty.DefaultResamples,
        };
        var subsample = new Option<int?>("--subsample-features-for-alpha") { Description = "Ridge: choose one alpha on this many seeded random feature columns, then fit all features with it." };
        var output = new Option<string?>("--output") { Description = "Write the full score dictionary to this JSON file." };
        var online = OnlineScoreOptions.Create();

        var command = new Command("score", "Score features from .npy files against targets with a metric (no model, no benchmark).")
        {
            metric, features, targets, targetRdm, testFeatures, testTargets, ceiling, stratify, groups, seed, compat, output, subsample,
        };
        online.AddTo(command);
        command.SetAction(parse => context.Guard(() =>
        {
            string metricKey = Required(parse.GetValue(metric), "--metric", "e.g. --metric ridge");
            string featuresPath = Required(parse.GetValue(features), "--features", "a .npy file of stimuli × features");
            string? targetsPath = parse.GetValue(targets), rdmPath = parse.GetValue(targetRdm);
            if (targetsPath is null && rdmPath is null)
                throw new ArgumentException("--targets is required (a .npy file of stimuli × targets), or --target-rdm (precomputed RDMs) for --metric rsa.");
            if (targetsPath is not null && rdmPath is not null)
                throw new ArgumentException("Give --targets (responses) or --target-rdm (precomputed RDMs), not both.");
            // Before reading any file, so a typo or a misplaced option fails at once.
            if (parse.GetValue(bootstrap) < 0) throw new ArgumentException("--bootstrap must be 0 (off) or a number of resamples.");
            if (parse.GetValue(subsample) is < 1) throw new ArgumentException("--subsample-features-for-alpha must be at least 1.");
            if (rdmPath is not null)
            {
                TargetRdmFile.CheckMetric(MetricCatalog.Find(metricKey).Key);
                if (parse.GetValue(testFeatures) is not null || parse.GetValue(testTargets) is not null)
                    throw new ArgumentException("--target-rdm is compared with the --features stimuli; --test-features and --test-targets do not apply to it.");
            }
            var overrides = online.Read(parse);
            IMetric created = MetricCatalog.Create(metricKey,
                new MetricOptions { Progress = context.Progress, SubsampleFeaturesForAlpha = parse.GetValue(subsample), Online = overrides, Bootstrap = parse.GetValue(bootstrap) });
            if (created is not BBScore.Metrics.Online.IOnlineMetric && overrides.Any)
                throw new ArgumentException($"--epochs, --lr, --wd, --loss, --scheduler and --patience train online read-outs; '{created.Key}' is not one.");
            if (created is BBScore.Metrics.Online.IOnlineMetric onlineMetric)
            {
                if (rdmPath is not null || parse.GetValue(groups) is not null)
                    throw new ArgumentException($"'{created.Key}' trains a read-out on --features and --targets; --target-rdm and --groups do not apply.");
                var onlineScores = OnlineScoreOptions.Score(onlineMetric, featuresPath, targetsPath!, parse.GetValue(testFeatures), parse.GetValue(testTargets),
                    parse.GetValue(ceiling), parse.GetValue(stratify), parse.GetValue(seed), parse.GetValue(compat) == "bbscore" ? CompatMode.BBScore : CompatMode.Fixed);
                Print(context.Out, created.Key, onlineScores);
                if (parse.GetValue(output) is { } onlinePath)
                {
                    WriteJson(onlinePath, created.Key, parse.GetValue(seed), parse.GetValue(compat) == "bbscore" ? CompatMode.BBScore : CompatMode.Fixed, onlineScores);
                    context.Out.WriteLine($"saved: {onlinePath}");
                }
                return 0;
            }
            string? groupsPath = parse.GetValue(groups);
            if (groupsPath is not null && created is not RegressionMetric)
                throw new ArgumentException($"--groups applies to regression metrics (cross-validated folds); '{created.Key}' does not use groups.");
            var inputs = ScoreInputFiles.Load(featuresPath, targetsPath, rdmPath, parse.GetValue(testFeatures), parse.GetValue(testTargets),
                parse.GetValue(ceiling), parse.GetValue(stratify), parse.GetValue(seed),
                parse.GetValue(compat) == "bbscore" ? CompatMode.BBScore : CompatMode.Fixed);
            if (groupsPath is not null)
                inputs = inputs with { Groups = ScoreInputFiles.ReadIntegers(groupsPath, "--groups", inputs.TrainFeatures.Rows) };

            IMetric scorer = created;
            ScoreSet scores = scorer.Score(inputs);
            Print(context.Out, scorer.Key, scores);
            if (parse.GetValue(output) is { } outputPath)
            {
                WriteJson(outputPath, scorer.Key, inputs.Seed, inputs.Compat, scores);
                context.Out.WriteLine($"saved: {outputPath}");
            }
            return 0;
        }));
        return command;
    }

    static string Required(string? value, string option, string example) =>
        value ?? throw new ArgumentException($"{option} is required ({example}).");


    internal static void Print(TextWriter output, string metricKey, ScoreSet scores)
    {
        output.WriteLine($"{metricKey}:");
        foreach (var (key, value) in scores)
        {
            string text = value.IsScalar ? ScorePrinter.FormatNumber(value.Scalar) : "array(" + string.Join(", ", value.Shape) + ")";
            output.WriteLine($"  {key}: {text}");
        }
        output.WriteLine($"  score ({scores.HeadlineKey}): {ScorePrinter.FormatNumber(scores.Headline)}");
    }

    static void WriteJson(string path, string metricKey, int seed, CompatMode compat, ScoreSet scores)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, MaxDepth = 256, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("metric", metricKey);
            writer.WriteNumber("seed", seed);
            writer.WriteString("compat", compat == CompatMode.BBScore ? "bbscore" : "fixed");
            ScoreSetJson.WriteProperties(writer, scores);
            writer.WriteEndObject();
        }
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllBytes(fullPath, buffer.ToArray());
    }
}

/// <summary>Reads the .npy inputs of `bbscore score` and checks that their shapes fit together, so
/// a wrong file is named in the message (exit code 2) before any scoring.</summary>
public static class ScoreInputFiles
{
    /// <summary>Ids are read as float64, which holds every integer exactly up to 2^53; ids must also fit an int.</summary>
    const double LargestId = int.MaxValue;

    /// <summary>Exactly one of <paramref name="targetsPath"/> (responses) and <paramref name="targetRdmPath"/>
    /// (precomputed RDMs over the feature rows; the targets are then an (N, 0) matrix) is given.</summary>
    public static MetricInputs Load(string featuresPath, string? targetsPath, string? targetRdmPath, string? testFeaturesPath, string? testTargetsPath,
        string? ceilingPath, string? stratifyPath, int seed, CompatMode compat)
    {
        var features = ReadFeatures(featuresPath, "--features");
        double[,] targets;
        double[][]? rdms = null;
        if (targetsPath is not null)
        {
            targets = NpyInput.ReadTargets(targetsPath, "--targets");
            CheckRows(features, "--features", featuresPath, targets, "--targets", targetsPath);
        }
        else
        {
            rdms = TargetRdmFile.Read(targetRdmPath ?? throw new ArgumentException("--targets or --target-rdm is required."), features.Rows, $"--features {featuresPath}");
            targets = new double[features.Rows, 0];
        }
        if ((testFeaturesPath is null) != (testTargetsPath is null))
            throw new ArgumentException("--test-features and --test-targets go together: give both for a held-out test set, or neither for cross-validation.");
        FeatureTensor? testFeatures = null;
        double[,]? testTargets = null;
        if (testFeaturesPath is not null && testTargetsPath is not null)
        {
            testFeatures = ReadFeatures(testFeaturesPath, "--test-features");
            testTargets = NpyInput.ReadTargets(testTargetsPath, "--test-targets");
            CheckRows(testFeatures, "--test-features", testFeaturesPath, testTargets, "--test-targets", testTargetsPath);
        }
        double[]? ceiling = ceilingPath is null ? null : NpyInput.ReadFloat64(ceilingPath, "--ceiling").Data;
        int[]? labels = stratifyPath is null ? null : ReadIntegers(stratifyPath, "--stratify", features.Rows);
        return new MetricInputs(features, targets, testFeatures, testTargets, ceiling, labels, seed, compat, TargetRdms: rdms);
    }

    /// <summary>Integer ids stored as a float array (NumPy's default): one per training row, each integral.</summary>
    public static int[] ReadIntegers(string path, string option, int rows)
    {
        var (data, shape) = NpyInput.ReadFloat64(path, option);
        if (data.Length != rows || shape.Length > 2 || (shape.Length == 2 && shape[1] != 1))
            throw new ArgumentException($"{option} {path} has shape ({string.Join(", ", shape)}); expected one value per training stimulus ({rows}).");
        var ids = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            double v = data[i];
            if (!double.IsFinite(v) || v != Math.Round(v) || Math.Abs(v) > LargestId)
                throw new ArgumentException(
                    $"{option} {path}: value {v} at index {i} is not usable as an id; labels and group ids must be whole numbers up to {LargestId:N0} in magnitude.");
            ids[i] = (int)v;
        }
        return ids;
    }

    static FeatureTensor ReadFeatures(string path, string option)
    {
        var (data, shape) = NpyInput.ReadFloat32(path, option);
        if (shape.Length == 0) throw new ArgumentException($"{option} {path} holds a single number; features need one row per stimulus.");
        return new FeatureTensor(data, shape);
    }

    static void CheckRows(FeatureTensor features, string featuresOption, string featuresPath, double[,] targets, string targetsOption, string targetsPath)
    {
        if (features.Rows != targets.GetLength(0))
            throw new ArgumentException(
                $"{featuresOption} {featuresPath} has {features.Rows} rows but {targetsOption} {targetsPath} has {targets.GetLength(0)}; " +
                "both need one row per stimulus, in the same order.");
    }
}
