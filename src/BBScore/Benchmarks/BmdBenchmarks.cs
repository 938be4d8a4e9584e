using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Bmd;
using BBScore.Progress;

namespace BBScore.Benchmarks;

/// <summary>The 27 BOLD Moments Dataset benchmarks <c>BMD_&lt;region&gt;</c> (<see cref="BmdRegions"/>): 3-second clips
/// (1,000 train / 102 test) against the rep-averaged fMRI betas of the region's voxels, participants concatenated; fit
/// on train, scored on test; ceiling per voxel sqrt(NC% / 100) of the test set (<c>--compat bbscore</c>: the
/// original's NC fraction). Participants: all ten, or the numbers <c>BBSCORE_BMD_SUBJECTS</c> lists ("1,2,5").</summary>
public static class BmdBenchmarks
{
    public const string Family = "BMD";
    public const string SubjectsVariable = "BBSCORE_BMD_SUBJECTS";

    /// <summary>Replaces the stimulus zip's URL (a mirror of the dataset's site; tests).</summary>
    public const string StimulusUrlVariable = "BBSCORE_BMD_STIMULI_URL";

    public static IReadOnlyList<BenchmarkSpec> All { get; } = BmdRegions.Benchmarks.Select(b => Create(b.Benchmark, b.Region)).ToArray();

    static BenchmarkSpec Create(string name, string region) => new(
        Name: name,
        Aliases: [],
        Family: Family,
        Kind: BenchmarkKind.Offline,
        Description: $"BOLD Moments: 3 s clips ({BmdStimulusSet.TrainClips:N0} train / {BmdStimulusSet.TestClips} test) vs fMRI of 10 participants, " +
                     $"region {region} ({string.Join(", ", BmdRegions.Files[region])}; voxels with train and test noise ceiling > 0); " +
                     "ceiling sqrt(NC%/100); downloads the clips (~GB) and the region's betas from OpenNeuro on first use.",
        SuggestedMetric: "ridge",
        Load: home => Load(home, region, SilentProgress.Instance))
    {
        LoadWithProgress = (home, progress) => Load(home, region, progress),
        Fetch = (home, progress, offline) => Fetch(home, region, progress, offline: offline),
        // The voxel count is known only once the region's files are read; the preflight after loading uses it.
        Size = new BenchmarkSize(BmdStimulusSet.TrainClips, BmdStimulusSet.TestClips, TargetsPerStimulus: 0, FramesPerStimulus: BmdFrameSampling.Frames),
    };

    /// <summary>The participants to use: <c>BBSCORE_BMD_SUBJECTS</c>, else all ten.</summary>
    public static IReadOnlyList<string> Subjects()
    {
        string? chosen = Environment.GetEnvironmentVariable(SubjectsVariable);
        if (string.IsNullOrWhiteSpace(chosen)) return BmdRegions.AllSubjects;
        return chosen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out int n) && n is >= 1 and <= 10 ? $"sub-{n:D2}"
                : throw new ArgumentException($"{SubjectsVariable}='{chosen}': '{s}' is not a participant number 1..10 (e.g. {SubjectsVariable}=1,2,5)."))
            .Distinct().ToArray();
    }

    static IReadOnlyList<DatasetManifest> Manifests(string region, IReadOnlyList<string> subjects) =>
    [
        BmdSources.Stimuli(Environment.GetEnvironmentVariable(StimulusUrlVariable) is { Length: > 0 } url ? url : BmdSources.StimulusZipUrl),
        BmdSources.Derivatives(region, subjects),
    ];

    /// <summary>Makes the clips and the region's derivative files local; returns the files it checked.</summary>
    public static IReadOnlyList<string> Fetch(DataHome home, string region, IProgressSink progress, DownloadOptions? options = null, bool offline = false) =>
        Fetch(home, Manifests(region, Subjects()), progress, options, offline);

    static IReadOnlyList<string> Fetch(DataHome home, IReadOnlyList<DatasetManifest> manifests, IProgressSink progress, DownloadOptions? options, bool offline)
    {
        using var downloader = new Downloader(progress, options);
        new DatasetFetcher(home, downloader, progress).EnsureAllAvailable(manifests, offline);
        return manifests.SelectMany(m => LocalFiles(home, m)).ToArray();
    }

    static IEnumerable<string> LocalFiles(DataHome home, DatasetManifest manifest) =>
        manifest.Files.Select(f => f.DestinationIn(manifest.DirectoryIn(home)));

    /// <summary>Downloads what is missing, then builds the train/test clips and the region's targets.</summary>
    public static BenchmarkData Load(DataHome home, string region, IProgressSink progress, DownloadOptions? options = null, bool offline = false)
    {
        var subjects = Subjects();
        var manifests = Manifests(region, subjects);
        Fetch(home, manifests, progress, options, offline);
        string glm = Path.Combine(manifests[1].DirectoryIn(home), BmdSources.GlmFolder);
        var sources = LocalFiles(home, manifests[1]).ToArray();
        var cache = new BmdAssemblyCache(Path.Combine(home.DatasetsDir, BmdAssemblyCache.FolderName));
        // Derivative files that do not parse are damaged downloads: named, moved aside and fetched again next run.
        var data = cache.GetOrBuild(region, subjects, sources,
            () => BmdAssemblyBuilder.Build(glm, region, subjects, (path, parse) => DamagedDataFile.Read(path, parse)), progress.Warn);
        string extracted = Path.Combine(manifests[0].DirectoryIn(home), manifests[0].ArchiveEntries[0].TargetPath);
        var train = new BmdStimulusSet(extracted, train: true, count: data.Train.GetLength(0));
        var test = new BmdStimulusSet(extracted, train: false, count: data.Test.GetLength(0));
        progress.Info($"BMD {region}: {train.Count} train / {test.Count} test clips x {data.NoiseCeilingPercent.Length} voxels " +
                      $"({string.Join(", ", subjects.Zip(data.VoxelsPerSubject, (s, n) => $"{s} {n}"))}).");
        return new BenchmarkData(train, data.Train, test, data.Test, data.CorrelationCeiling(), CompatCeiling: data.FractionCeiling());
    }
}
