using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Ssv2;
using BBScore.Progress;
using BBScore.Stimuli.Augment;

namespace BBScore.Benchmarks;

/// <summary>The two SSV2 benchmarks (spec §3.5): an online classifier read-out over the 40 classes of the pruned
/// Something-Something-V2 set, trained on the train CSV's clips (90/10 stratified train/validation split) and tested
/// on the test CSV's. <c>AugmentedSSV2</c> trains on clips passed through RandAugment <c>rand-m7-n2-mstd0.3</c>, drawn
/// anew every epoch; validation and test stay clean.</summary>
public static class Ssv2Benchmarks
{
    public const string Family = "SSV2";

    /// <summary>Seeds the augmentation draws (with the clip index and epoch); the original's split seed.</summary>
    public const long AugmentSeed = 42;

    public static IReadOnlyList<BenchmarkSpec> All { get; } =
    [
        Create("SSV2", "SSV2Benchmark", augmented: false),
        Create("AugmentedSSV2", "AugmentedSSV2Benchmark", augmented: true),
    ];

    static BenchmarkSpec Create(string name, string alias, bool augmented) => new(
        Name: name,
        Aliases: [alias],
        Family: Family,
        Kind: BenchmarkKind.Online,
        Description: $"Something-Something-V2 (pruned, {Ssv2Classes.Count} classes): online classifier read-out on clips sampled to " +
                     $"{Ssv2StimulusSet.Sampling.Frames} frames at {Ssv2StimulusSet.Sampling.TargetFps:0} fps (90/10 stratified train/validation split, test CSV held out)" +
                     (augmented ? $"; training clips through RandAugment {RandAugmentConfig.Ssv2}, the same ops for all frames of a clip, new every epoch" : "") +
                     "; downloads the clip zips on first use.",
        SuggestedMetric: "online_transformer_classifier",
        Load: home => Load(home, augmented, SilentProgress.Instance))
    {
        LoadWithProgress = (home, progress) => Load(home, augmented, progress),
        Fetch = (home, progress, offline) => Fetch(home, progress, offline: offline),
    };

    /// <summary>Makes the CSVs and unpacked clips local; returns the files it checked. <paramref name="gcs"/> and
    /// <paramref name="options"/> replace the source and download settings (tests, mirrors).</summary>
    public static IReadOnlyList<string> Fetch(DataHome home, IProgressSink progress, GcsSource? gcs = null, DownloadOptions? options = null, bool offline = false)
    {
        var manifest = Ssv2Sources.Manifest(gcs);
        using var downloader = new Downloader(progress, options);
        new DatasetFetcher(home, downloader, progress).EnsureAvailable(manifest, offline);
        string dir = manifest.DirectoryIn(home);
        return manifest.Files.Select(f => f.DestinationIn(dir)).ToArray();
    }

    public static BenchmarkData Load(DataHome home, bool augmented, IProgressSink progress, GcsSource? gcs = null, DownloadOptions? options = null, bool offline = false)
    {
        Fetch(home, progress, gcs, options, offline);
        string dir = Ssv2Sources.Manifest(gcs).DirectoryIn(home);
        var train = Open(dir, train: true, progress);
        var test = Open(dir, train: false, progress);
        int[] labels = train.Split.Classes.ToArray();
        var data = new BenchmarkData(train, Targets(train.Split), test, Targets(test.Split), StratifyLabels: labels)
        {
            NumClasses = Ssv2Classes.Count,
        };
        if (!augmented) return data;
        var augment = new RandAugment(RandAugmentConfig.Parse(RandAugmentConfig.Ssv2));
        return data with { AugmentedTrainStimuli = epoch => new Ssv2AugmentedStimulusSet(train, augment, AugmentSeed, epoch) };
    }

    static Ssv2StimulusSet Open(string dir, bool train, IProgressSink progress)
    {
        var split = Ssv2Split.Read(Path.Combine(dir, Ssv2Sources.CsvName(train)), Path.Combine(dir, Ssv2Sources.ClipFolder(train)));
        var set = new Ssv2StimulusSet(split, train);
        if (split.SkipSummary(set.Name) is { } skips) progress.Warn(skips);
        progress.Info($"{set.Name}: {set.Count} clips.");
        return set;
    }

    /// <summary>One target column: the dense class id.</summary>
    static double[,] Targets(Ssv2Split split)
    {
        var targets = new double[split.Classes.Count, 1];
        for (int i = 0; i < split.Classes.Count; i++) targets[i, 0] = split.Classes[i];
        return targets;
    }
}
