using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Physion;
using BBScore.Progress;

namespace BBScore.Benchmarks;

/// <summary>The 16 Physion benchmarks (spec §3.4): for contact and placement, detection and prediction, all clips or
/// the intra-configuration ones, an offline <c>Physion[Intra]&lt;Task&gt;&lt;Mode&gt;</c> (a regression read-out of the
/// class label) and an online <c>OnlinePhysion[Intra]&lt;Task&gt;&lt;Mode&gt;</c> (a classifier trained on streamed
/// features, 2 or 256 classes). Train: the CSV's train clips; test: its test clips that people also saw. Targets are
/// one column holding the class id; the test stimulus ids are the human data's, for the physion_* metrics.</summary>
public static class PhysionBenchmarks
{
    public const string Family = "Physion";

    /// <summary>Reads a human-response file (the physion_* metrics' reader); tests pass their own to <see cref="Load"/>.</summary>
    public static readonly PhysionHumanStimuliLoader HumanLoader = PhysionHumanResponses.Read;

    public static IReadOnlyList<PhysionSplit> Splits { get; } =
        (from task in new[] { PhysionTask.Contact, PhysionTask.Placement }
         from mode in PhysionMode.All
         from intra in new[] { false, true }
         select new PhysionSplit(mode, task, intra)).ToArray();

    public static IReadOnlyList<BenchmarkSpec> All { get; } =
        [.. Splits.Select(s => Create(s, online: false)), .. Splits.Select(s => Create(s, online: true))];

    public static string NameOf(PhysionSplit split, bool online) => (online ? "Online" : "") + split.Name;

    static BenchmarkSpec Create(PhysionSplit split, bool online) => new(
        Name: NameOf(split, online),
        Aliases: [],
        Family: Family,
        Kind: online ? BenchmarkKind.Online : BenchmarkKind.Offline,
        Description: Describe(split, online),
        // The original's physion_* metric of each online benchmark (they compare the read-out's choices with people's).
        SuggestedMetric: online ? $"physion_{split.Task.ToString().ToLowerInvariant()}_{split.Mode.Name.ToLowerInvariant()}" : "ridge",
        Load: home => Load(home, split, SilentProgress.Instance))
    {
        LoadWithProgress = (home, progress) => Load(home, split, progress),
        Fetch = (home, progress, offline) => Fetch(home, split, progress, offline: offline),
    };

    static string Describe(PhysionSplit split, bool online)
    {
        var s = split.Mode.Sampling;
        string clips = split.Mode == PhysionMode.Detection
            ? $"whole 4 s clips ({s.Frames} frames at {s.TargetFps} fps)"
            : $"the first 0.45 s of each clip ({s.Frames} frames at {s.TargetFps} fps)";
        string target = split.Task == PhysionTask.Contact
            ? "whether the red object touches the yellow zone (2 classes)"
            : "which of 16x16 = 256 cells the object lands in (clips without one left out)";
        string subset = split.Intra ? "intra-configuration clips only; " : "";
        string readOut = online
            ? $"online classifier of {target} on streamed features (90/10 stratified train/validation split)"
            : $"regression read-out of {target}, the class id as the one target";
        return $"Physion {split.Task.ToString().ToLowerInvariant()} {split.Mode.Name.ToLowerInvariant()}: {clips}; {subset}{readOut}; " +
               "fit on the train clips, tested on the test clips people also saw; downloads the clips and the human data on first use.";
    }

    static IReadOnlyList<DatasetManifest> Manifests(PhysionFiles files, PhysionSplit split) =>
        [files.StimulusManifest(split.Mode), files.HumanManifest(split.Mode, split.Task)];

    /// <summary>Makes the mode's CSV and clips and the task's human data local; returns the files it checked.</summary>
    public static IReadOnlyList<string> Fetch(DataHome home, PhysionSplit split, IProgressSink progress, PhysionFiles? files = null,
                                              DownloadOptions? options = null, bool offline = false)
    {
        var manifests = Manifests(files ?? new PhysionFiles(), split);
        using var downloader = new Downloader(progress, options);
        new DatasetFetcher(home, downloader, progress).EnsureAllAvailable(manifests, offline);
        return manifests.SelectMany(m => m.Files.Select(f => f.DestinationIn(m.DirectoryIn(home)))).ToArray();
    }

    /// <summary>Downloads what is missing, then builds the splits. <paramref name="human"/> replaces the human-data reader (tests).</summary>
    public static BenchmarkData Load(DataHome home, PhysionSplit split, IProgressSink progress, PhysionFiles? files = null,
                                     PhysionHumanStimuliLoader? human = null, DownloadOptions? options = null, bool offline = false)
    {
        files ??= new PhysionFiles();
        Fetch(home, split, progress, files, options, offline);
        string dir = files.StimulusManifest(split.Mode).DirectoryIn(home);
        string csv = Path.Combine(dir, split.Mode.CsvFile);
        var humanManifest = files.HumanManifest(split.Mode, split.Task);
        string humanFile = humanManifest.Files[0].DestinationIn(humanManifest.DirectoryIn(home));
        // Files that do not parse are damaged downloads: named, moved aside and fetched again next run.
        var rows = DamagedDataFile.Read(csv, () => PhysionCsv.Read(csv));
        var people = DamagedDataFile.Read(humanFile, () => (human ?? HumanLoader)(humanFile, PhysionHumanTasks.Of(split.Task, split.Mode)));
        var train = new PhysionStimulusSet(dir, split, train: true, split.Select(rows, train: true, null, csv));
        var test = new PhysionStimulusSet(dir, split, train: false, split.Select(rows, train: false, people.StimulusIds, csv), people.HumanMeans);
        progress.Info($"{split.Name}: {train.Count} train / {test.Count} test clips (of {rows.Count} in the CSV; test clips need human data).");
        return new BenchmarkData(train, Column(train.ClassIds), test, Column(test.ClassIds), StratifyLabels: train.ClassIds)
        {
            NumClasses = split.Task.NumClasses(),
        };
    }

    static double[,] Column(int[] classIds)
    {
        var column = new double[classIds.Length, 1];
        for (int i = 0; i < classIds.Length; i++) column[i, 0] = classIds[i];
        return column;
    }
}
