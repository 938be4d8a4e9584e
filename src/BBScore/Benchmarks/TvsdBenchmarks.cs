using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Tvsd;
using BBScore.Progress;

namespace BBScore.Benchmarks;

/// <summary>The TVSD model benchmarks: THINGS images (22,248 train / 100 test, split fixed by the image list)
/// against the normalised multi-unit activity of both monkeys in one area. <c>TVSD&lt;area&gt;</c> uses the
/// default response window; <c>TVSD&lt;area&gt;10msBins</c> the 18 bins of 10 ms, so targets are (units, 18)
/// per image and the metric is <c>temporal_ridge</c> (the original's TVSDFull10msBins silently used the default
/// window; ours uses 10 ms bins as named). <c>OnlineTVSD&lt;area&gt;</c> trains an online read-out on the same data
/// (<see cref="Pipeline.OnlineBenchmarkRunner"/>). Assembly-to-assembly benchmarks are in <see cref="TvsdAssemblyBenchmarks"/>.</summary>
public static class TvsdBenchmarks
{
    public const string Family = "TVSD";
    public const int TrainImages = 22_248, TestImages = 100;

    static readonly TvsdArea[] Areas = [TvsdArea.Full, TvsdArea.V1, TvsdArea.V4, TvsdArea.IT];

    public static IReadOnlyList<BenchmarkSpec> All { get; } =
    [
        .. Areas.Select(a => Model(a, TvsdBins.Default)),
        .. Areas.Select(a => Model(a, TvsdBins.TenMs)),
        .. Areas.Select(Online),
        .. TvsdAssemblyBenchmarks.All,
    ];

    public static string NameOf(TvsdArea area, TvsdBins bins) => $"TVSD{area}" + (bins == TvsdBins.TenMs ? "10msBins" : "");

    static BenchmarkSpec Model(TvsdArea area, TvsdBins bins)
    {
        var recording = TvsdRecording.Pooled(area, bins);
        return new BenchmarkSpec(
            Name: NameOf(area, bins),
            Aliases: [],
            Family: Family,
            Kind: BenchmarkKind.Offline,
            Description: $"THINGS images ({TrainImages:N0} train / {TestImages} test) vs multi-unit activity of monkeys F and N, " +
                         $"{(area == TvsdArea.Full ? "all 1024 channels each" : area.ToString())}, " +
                         (bins == TvsdBins.TenMs ? "18 bins of 10 ms (25-195 ms; targets units x bins)" : "default response window") +
                         "; ceiling: seeded split-half of the test repetitions; downloads ~GBs on first use.",
            SuggestedMetric: bins == TvsdBins.TenMs ? "temporal_ridge" : "ridge",
            Load: home => Load(home, recording, SilentProgress.Instance))
        {
            LoadWithProgress = (home, progress) => Load(home, recording, progress),
            Fetch = (home, progress, offline) => Fetch(home, progress, recording.Bins, offline: offline),
            Size = new BenchmarkSize(TrainImages, TestImages, recording.TargetsPerStimulus),
        };
    }

    /// <summary>The online benchmark of one area: the same images and recordings as <c>TVSD&lt;area&gt;</c> (default window), a
    /// read-out trained on streamed features (90/10 seeded split of the train images, the 100 test images held out).</summary>
    static BenchmarkSpec Online(TvsdArea area)
    {
        var recording = TvsdRecording.Pooled(area, TvsdBins.Default);
        return new BenchmarkSpec(
            Name: $"OnlineTVSD{area}",
            Aliases: [],
            Family: Family,
            Kind: BenchmarkKind.Online,
            Description: $"online read-out of TVSD {(area == TvsdArea.Full ? "all 1024 channels of each monkey" : area.ToString())}: a linear regressor trained " +
                         $"on the streamed features of the {TrainImages:N0} train images (90/10 seeded train/validation split), tested on the {TestImages} test " +
                         "images; features are extracted once and streamed from the cache every epoch; downloads ~GBs on first use.",
            SuggestedMetric: "online_linear_regressor",
            Load: home => Load(home, recording, SilentProgress.Instance))
        {
            LoadWithProgress = (home, progress) => Load(home, recording, progress),
            Fetch = (home, progress, offline) => Fetch(home, progress, recording.Bins, offline: offline),
            Size = new BenchmarkSize(TrainImages, TestImages, recording.TargetsPerStimulus),
        };
    }

    /// <summary>Makes the stimuli and the recording's binning local; returns the files it checked.
    /// <paramref name="files"/> and <paramref name="options"/> replace the sources and download settings (tests, mirrors).</summary>
    public static IReadOnlyList<string> Fetch(DataHome home, IProgressSink progress, TvsdBins bins, TvsdFiles? files = null,
                                              DownloadOptions? options = null, bool offline = false, bool stimuli = true)
    {
        files ??= new TvsdFiles();
        using var downloader = new Downloader(progress, options);
        var fetcher = new DatasetFetcher(home, downloader, progress);
        var manifests = new List<DatasetManifest>();
        if (stimuli) manifests.Add(files.StimulusManifest());
        manifests.Add(files.AssemblyManifest(bins));
        fetcher.EnsureAllAvailable(manifests, offline);
        return manifests.SelectMany(m => m.Files.Select(f => f.DestinationIn(m.DirectoryIn(home)))).ToArray();
    }

    /// <summary>Downloads what is missing, then builds the train/test stimuli and targets.</summary>
    public static BenchmarkData Load(DataHome home, TvsdRecording recording, IProgressSink progress, TvsdFiles? files = null,
                                     DownloadOptions? options = null, bool offline = false)
    {
        files ??= new TvsdFiles();
        Fetch(home, progress, recording.Bins, files, options, offline);
        string stimulusDir = files.StimulusManifest().DirectoryIn(home);
        var train = TvsdStimulusSet.Load(stimulusDir, train: true);
        var test = TvsdStimulusSet.Load(stimulusDir, train: false);
        var assembly = files.AssemblyManifest(recording.Bins);
        string assemblyDir = assembly.DirectoryIn(home);
        var archive = assembly.ArchiveEntries[0];
        // Recordings that do not parse came from a damaged zip: unpacked again from a fresh download next run.
        var data = DamagedDataFile.ReadExtracted(Path.Combine(assemblyDir, archive.ArchivePath), Path.Combine(assemblyDir, archive.TargetPath),
            () => recording.Read(assemblyDir, progress));
        if (data.Train.GetLength(0) != train.Count || data.Test.GetLength(0) != test.Count)
            throw new InvalidDataException(
                $"TVSD: the image list has {train.Count} train / {test.Count} test images but the recordings have " +
                $"{data.Train.GetLength(0)} / {data.Test.GetLength(0)}; the downloaded files do not belong together. " +
                $"Delete {stimulusDir} and {files.AssemblyManifest(recording.Bins).DirectoryIn(home)} and fetch again.");
        progress.Info($"{recording.ClassName}: {train.Count} train / {test.Count} test images x {data.TargetCount} targets.");
        return new BenchmarkData(train, data.Train, test, data.Test, data.Ceiling, TargetUnitShape: data.UnitShape)
        { UnitsPerSubject = data.UnitsPerMonkey };
    }
}
