using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.LeBel;
using BBScore.Progress;
using BBScore.Stimuli;

namespace BBScore.Benchmarks;

/// <summary>The story-level LeBel et al. 2023 benchmarks (spec §3.7): <c>LeBel2023</c> and <c>LeBel2023UTS01</c> …
/// <c>UTS08</c> (each story's text, one feature vector per story) and <c>LeBel2023AudioUTS01</c> … <c>UTS08</c> (each
/// story's first 30 s of audio), against the participant's fMRI averaged over each story's TRs; scored by
/// cross-validation over stories (no test set). Each UTS name scores its own participant (the original's eight text
/// names all score UTS08). Ceiling: the published per-voxel split-half r.</summary>
public static class LeBelBenchmarks
{
    public const string Family = "LeBel2023";

    public static IReadOnlyList<BenchmarkSpec> All { get; } =
    [
        Create("LeBel2023", "UTS01", audio: false),
        .. LeBelSubjects.All.Select(s => Create($"LeBel2023{s}", s, audio: false)),
        .. LeBelSubjects.All.Select(s => Create($"LeBel2023Audio{s}", s, audio: true)),
    ];

    static BenchmarkSpec Create(string name, string subject, bool audio) => new(
        Name: name,
        Aliases: [],
        Family: Family,
        Kind: BenchmarkKind.Offline,
        Description: (audio ? "LeBel2023 story listening: the first 30 s of each story's audio" : "LeBel2023 story listening: each story's full text") +
                     $" vs {subject}'s fMRI averaged over the story (one row per story, cross-validated over stories); ceiling: published " +
                     "split-half r per voxel; downloads the stories and the participant's preprocessed runs from OpenNeuro ds003020 on first use.",
        SuggestedMetric: "ridge",
        Load: home => Load(home, subject, audio, SilentProgress.Instance))
    {
        LoadWithProgress = (home, progress) => Load(home, subject, audio, progress),
        Fetch = (home, progress, offline) => LeBelFiles.Fetch(home, subject, audio, regions: false, progress, offline).Files,
    };

    /// <summary>Fetches what is missing, then builds the story set and its (stories, voxels) targets.</summary>
    public static BenchmarkData Load(DataHome home, string subject, bool audio, IProgressSink progress, DownloadOptions? options = null, bool offline = false)
    {
        var files = LeBelFiles.Fetch(home, subject, audio, regions: false, progress, offline, options);
        var (stories, ceilingPath) = (files.Stories, files.Ceiling);
        if (stories.Count < 2)
            throw new InvalidDataException($"LeBel2023: {subject} has {stories.Count} story with fMRI; cross-validation over stories needs at least 2.");
        // Files that do not parse are damaged downloads: named, moved aside and fetched again next run.
        var targets = LeBelStoryAssembly.Build(stories, (path, parse) => DamagedDataFile.Read(path, parse));
        var ceiling = DamagedDataFile.Read(ceilingPath, () => LeBelCeiling.Load(ceilingPath, subject, targets.GetLength(1)));
        IStimulusSet set = audio
            ? new LeBelAudioStorySet(stories, subject)
            : new LeBelTextStorySet(stories, stories.Select(s => DamagedDataFile.Read(s.StimulusPath, () => LeBelTextStorySet.StoryText(s.StimulusPath))).ToArray(), subject);
        progress.Info($"LeBel2023 {subject}: {stories.Count} stories x {targets.GetLength(1)} voxels " +
                      $"({ceiling.Reliable.Count(r => r)} with split-half r > {LeBelCeiling.ReliableAbove}).");
        return new BenchmarkData(set, targets, Ceiling: ceiling.PerVoxel, CompatCeiling: ceiling.PerVoxel);
    }
}
