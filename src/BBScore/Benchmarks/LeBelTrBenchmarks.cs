using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.LeBel;
using BBScore.Formats.FreeSurfer;
using BBScore.Formats.Hdf5;
using BBScore.Formats.Praat;
using BBScore.Metrics;
using BBScore.Numerics;
using BBScore.Progress;

namespace BBScore.Benchmarks;

/// <summary>The TR-level LeBel et al. 2023 benchmarks (spec §3.7): <c>LeBel2023TRUTS01</c> … <c>UTS08</c> (per 2 s TR,
/// the words heard so far) and <c>LeBel2023AudioTRUTS01</c> … <c>UTS08</c> (per TR, its 2 s of audio), against the
/// participant's fMRI 2 TRs later on the voxels with split-half r &gt; 0.15, cross-validated over stories. They score
/// with their own <c>ridge</c> (also under <c>torch_ridge</c>) and <c>temporal_rsa</c>.</summary>
public static class LeBelTrBenchmarks
{
    public static IReadOnlyList<string> Metrics { get; } = ["ridge", "torch_ridge", "temporal_rsa"];

    public static IReadOnlyList<BenchmarkSpec> All { get; } =
    [
        .. LeBelSubjects.All.Select(s => Create($"LeBel2023TR{s}", s, audio: false)),
        .. LeBelSubjects.All.Select(s => Create($"LeBel2023AudioTR{s}", s, audio: true)),
    ];

    static BenchmarkSpec Create(string name, string subject, bool audio) => new(
        Name: name,
        Aliases: [],
        Family: LeBelBenchmarks.Family,
        Kind: BenchmarkKind.Offline,
        Description: (audio ? "LeBel2023 TR level: each 2 s of a story's audio" : "LeBel2023 TR level: per 2 s TR, the story's words heard so far") +
                     $" vs {subject}'s fMRI 2 TRs later on the voxels with split-half r > {LeBelCeiling.ReliableAbove}; grouped cross-validation " +
                     "over stories, per-voxel and per-TR scores by region; metrics ridge or temporal_rsa. Downloads the stories, the participant's " +
                     "runs and FreeSurfer labels from OpenNeuro ds003020 on first use.",
        SuggestedMetric: "ridge",
        Load: home => Load(home, subject, audio, SilentProgress.Instance))
    {
        LoadWithProgress = (home, progress) => Load(home, subject, audio, progress),
        Fetch = (home, progress, offline) => LeBelFiles.Fetch(home, subject, audio, regions: true, progress, offline).Files,
        OnlyMetrics = Metrics,
    };

    public static BenchmarkData Load(DataHome home, string subject, bool audio, IProgressSink progress, DownloadOptions? options = null, bool offline = false)
    {
        var files = LeBelFiles.Fetch(home, subject, audio, regions: true, progress, offline, options);
        var stories = files.Stories;
        // Runs are read one story at a time and cut to the mask voxels at once: the whole brain of every TR never sits in memory.
        var firstRun = DamagedDataFile.Read(stories[0].RunPaths[0], () => Hf5TimeSeries.Read(stories[0].RunPaths[0]).Values);
        int voxels = firstRun.GetLength(1);
        var ceiling = DamagedDataFile.Read(files.Ceiling, () => LeBelCeiling.Load(files.Ceiling, subject, voxels));
        int[] kept = Enumerable.Range(0, voxels).Where(v => ceiling.Reliable[v]).ToArray();
        if (kept.Length == 0)
            throw new InvalidDataException($"{files.Ceiling}: no voxel of {subject} has split-half r > {LeBelCeiling.ReliableAbove}; the ceiling file is not the published one. Delete it to fetch it again.");
        var fmri = stories.Select((s, i) => KeptVoxels(Story(s, i == 0 ? firstRun : null), kept, voxels, s, stories[0])).ToArray();
        var masks = RegionMasks(files.Regions!, voxels, stories[0].RunPaths[0], kept);
        double? perTrCeiling = ceiling.PerTrSpatial is { Length: > 0 } perTr ? NanStatistics.Median(perTr) : null;

        BenchmarkData Build(ILeBelTrStimuli set, IProgressSink report)
        {
            var pairs = LeBelHrfPairing.Pairs(set.Layout.TrCounts.Select((n, s) => (n, fmri[s].GetLength(0))).ToList());
            int used = pairs.Select(p => p.Story).Distinct().Count();
            if (used < 2)
                throw new InvalidDataException($"LeBel2023 {subject}: {used} story has more than {LeBelHrfPairing.DelayTrs} TRs with both stimulus and fMRI; " +
                                               "cross-validation over stories needs at least 2.");
            var y = new double[pairs.Count, kept.Length];
            for (int k = 0; k < pairs.Count; k++)
                for (int v = 0; v < kept.Length; v++) y[k, v] = fmri[pairs[k].Story][pairs[k].FmriTr, v];
            var data = new LeBelTrData(subject, set, stories.Select(s => s.Name).ToArray(), pairs, y, kept.Select(v => ceiling.PerVoxel[v]).ToArray(),
                ceiling.Reliable, masks, perTrCeiling);
            report.Info($"LeBel2023 TR {subject}: {used} stories, {pairs.Count} TRs after the {LeBelHrfPairing.DelayTrs}-TR delay, {set.Count} " +
                        $"{(audio ? "audio segments" : "texts")}; {kept.Length} of {voxels} voxels with split-half r > {LeBelCeiling.ReliableAbove} " +
                        $"({masks["language"].Count(m => m)} in language regions).");
            BenchmarkData? result = null;
            result = new BenchmarkData(set, y, Ceiling: ceiling.PerVoxel, CompatCeiling: ceiling.PerVoxel)
            {
                OwnMetric = key => key switch
                {
                    "ridge" or "torch_ridge" => new LeBelTrRidgeMetric(data, key),
                    "temporal_rsa" => new LeBelTrTemporalRsaMetric(data),
                    _ => throw new ArgumentException($"LeBel2023 TR-level benchmarks score with {string.Join(", ", Metrics)}, not '{key}'."),
                },
                // A model that hears a fixed length gets each TR as the window of that length ending at the TR.
                ForModel = audio ? model => model.AudioContextSeconds is double seconds
                    ? Build(new LeBelTrAudioSet(stories, subject, seconds), report) with { ForModel = null }
                    : result! : null,
            };
            return result;
        }

        return audio
            ? Build(new LeBelTrAudioSet(stories, subject), progress)
            : Build(new LeBelTrTextSet(stories.Select(s => (s.Name, s.StimulusPath, DamagedDataFile.Read(s.StimulusPath, () => TextGridFile.ReadTier(s.StimulusPath)))).ToList(), subject), progress);
    }

    /// <summary>One story's TR-level fMRI, its runs read as damaged downloads when they do not parse.</summary>
    static float[,] Story(LeBelStory story, float[,]? firstRun)
    {
        var runs = story.RunPaths.Select((path, r) => r == 0 && firstRun is not null ? firstRun : DamagedDataFile.Read(path, () => Hf5TimeSeries.Read(path).Values)).ToList();
        return LeBelTrAssembly.Story(runs, story.RunPaths);
    }

    static float[,] KeptVoxels(float[,] story, int[] kept, int voxels, LeBelStory which, LeBelStory first)
    {
        int trs = story.GetLength(0);
        if (story.GetLength(1) != voxels)
            throw new InvalidDataException($"{which.RunPaths[0]}: {story.GetLength(1)} voxels, but {first.RunPaths[0]} has {voxels}; one participant's runs share one voxel set.");
        var result = new float[trs, kept.Length];
        for (int t = 0; t < trs; t++)
            for (int v = 0; v < kept.Length; v++) result[t, v] = story[t, kept[v]];
        return result;
    }

    /// <summary>The reported region masks over the mask voxels, from the participant's aparc annotation and cortex labels.</summary>
    static IReadOnlyDictionary<string, bool[]> RegionMasks(LeBelFiles.Labels files, int voxels, string runPath, int[] kept)
    {
        LeBelRegions.Hemisphere Hemisphere(string annot, string label) => new(
            DamagedDataFile.Read(annot, () => AnnotFile.VertexNames(AnnotFile.Read(annot))),
            DamagedDataFile.Read(label, () => LabelFile.ReadVertices(label)), annot, label);
        var names = LeBelRegions.VoxelNames(Hemisphere(files.LeftAnnot, files.LeftCortex), Hemisphere(files.RightAnnot, files.RightCortex), voxels, runPath);
        return LeBelRegions.Masks(names).ToDictionary(m => m.Key, m => kept.Select(v => m.Value[v]).ToArray(), StringComparer.Ordinal);
    }
}
