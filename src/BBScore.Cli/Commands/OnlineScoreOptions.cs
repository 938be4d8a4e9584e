using System.CommandLine;
using System.Globalization;
using BBScore.Formats;
using BBScore.Metrics;
using BBScore.Metrics.Online;
using BBScore.Metrics.Online.Classifier;
using BBScore.Metrics.Online.Streams;

namespace BBScore.Cli.Commands;

/// <summary>The training overrides of the online read-outs (<c>--epochs</c>, <c>--lr</c>, <c>--wd</c>, <c>--loss</c>,
/// <c>--scheduler</c>, <c>--patience</c>), shared by <c>bbscore run</c> and <c>bbscore score</c>, and <c>score</c>'s path
/// for online metrics: the .npy files are streamed row by row (never read whole), so arrays larger than memory train.</summary>
public sealed class OnlineScoreOptions
{
    readonly Option<int?> _epochs = new("--epochs") { Description = "Online read-outs: most epochs per grid point (default: the metric's, e.g. 100)." };
    readonly Option<int?> _patience = new("--patience") { Description = "Online read-outs: epochs without a better validation score before stopping." };
    readonly Option<string?> _lr = new("--lr") { Description = "Online read-outs: learning rate(s), comma-separated (default: the metric's grid)." };
    readonly Option<string?> _wd = new("--wd") { Description = "Online read-outs: weight decay / L2 weight(s), comma-separated (default: the metric's grid)." };
    readonly Option<string?> _loss = new("--loss") { Description = "online_linear_regressor: mse (default), correlation, ccc, ccc_mse or combined (the classifiers' loss is fixed)." };
    readonly Option<string?> _scheduler = new("--scheduler") { Description = "Online read-outs: learning-rate schedule (warmup_cosine, reduce_on_plateau, deterministic_scheduler, warmup_stable_decay; classifiers: wsd, cosine)." };

    public static OnlineScoreOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_epochs);
        command.Options.Add(_patience);
        command.Options.Add(_lr);
        command.Options.Add(_wd);
        command.Options.Add(_loss);
        command.Options.Add(_scheduler);
    }

    public OnlineOverrides Read(ParseResult parse) => new()
    {
        Epochs = parse.GetValue(_epochs),
        Patience = parse.GetValue(_patience),
        LearningRates = Numbers(parse.GetValue(_lr), "--lr"),
        WeightDecays = Numbers(parse.GetValue(_wd), "--wd"),
        Loss = parse.GetValue(_loss),
        Scheduler = parse.GetValue(_scheduler),
    };

    static double[]? Numbers(string? text, string option)
    {
        if (text is null) return null;
        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                : throw new ArgumentException($"{option}: '{t}' is not a number; give one or more, comma-separated (e.g. {option} 1e-3,1e-4)."))
            .ToArray();
    }

    /// <summary>Trains <paramref name="metric"/> on streams over the files; without test files a seeded tenth is held out.</summary>
    public static ScoreSet Score(IOnlineMetric metric, string featuresPath, string targetsPath, string? testFeaturesPath, string? testTargetsPath,
                                 string? ceilingPath, string? stratifyPath, int seed, CompatMode compat)
    {
        if ((testFeaturesPath is null) != (testTargetsPath is null))
            throw new ArgumentException("--test-features and --test-targets go together: give both for a held-out test set, or neither to hold out a tenth of the rows.");
        var owned = new List<IRowSource>();
        try
        {
            var trainX = Open(featuresPath, "--features", owned);
            var trainY = Open(targetsPath, "--targets", owned);
            IRowSource? testX = testFeaturesPath is null ? null : Open(testFeaturesPath, "--test-features", owned);
            IRowSource? testY = testTargetsPath is null ? null : Open(testTargetsPath, "--test-targets", owned);
            if (trainX.Rows != trainY.Rows)
                throw new ArgumentException($"--features {featuresPath} has {trainX.Rows} rows but --targets {targetsPath} has {trainY.Rows}; both need one row per stimulus, in the same order.");
            double[]? ceiling = ceilingPath is null ? null : NpyInput.ReadFloat64(ceilingPath, "--ceiling").Data;
            int[]? classes = stratifyPath is null ? null : ScoreInputFiles.ReadIntegers(stratifyPath, "--stratify", trainX.Rows);
            // The classifiers' targets are class ids: the split is stratified by them (the original's robust_train_val_split).
            if (classes is null && metric is OnlineClassifierMetric) classes = ClassLabels.Read(trainY, "--targets");
            return metric.Score(OnlineData.Split(trainX, trainY, testX, testY, ceiling, seed, compat, classes));
        }
        finally
        {
            foreach (var source in owned) source.Dispose();
        }
    }

    static IRowSource Open(string path, string option, List<IRowSource> owned)
    {
        try
        {
            var source = new NpyRowSource(path);
            owned.Add(source);
            return source;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArgumentException($"{option}: file not found: {path}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException($"{option}: {e.Message}", e);
        }
    }
}
