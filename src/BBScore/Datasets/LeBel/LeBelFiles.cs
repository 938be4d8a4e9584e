using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Progress;

namespace BBScore.Datasets.LeBel;

/// <summary>The files one LeBel2023 benchmark needs, listed (once) and fetched: the stories of its kind that the
/// participant heard, the participant's preprocessed runs, the ceiling and, for the TR-level benchmarks, the
/// participant's four FreeSurfer label files. Never another participant's files.</summary>
public sealed record LeBelFiles(IReadOnlyList<LeBelStory> Stories, IReadOnlyList<string> Files, string Ceiling, LeBelFiles.Labels? Regions)
{
    /// <summary>Local paths of the FreeSurfer files, in <see cref="LeBelSources.FreeSurferLabelFiles"/> order.</summary>
    public sealed record Labels(string LeftAnnot, string RightAnnot, string LeftCortex, string RightCortex);

    public static LeBelFiles Fetch(DataHome home, string subject, bool audio, bool regions, IProgressSink progress, bool offline,
                                   DownloadOptions? options = null)
    {
        using var downloader = new Downloader(progress, options);
        var http = offline ? null : downloader.Http;
        // The runs first: they tell which spelling of the derived-data folder the bucket has.
        var (runs, derivative) = LeBelSources.ListedRuns(home, subject, http);
        var stimuli = audio
            ? LeBelSources.Listed(home, LeBelSources.WavPrefix, ".wav", http)
            : LeBelSources.Listed(home, LeBelSources.TextGridPrefix(derivative), ".TextGrid", http);
        string dir = LeBelSources.DatasetDir(home);
        var stories = LeBelStories.Match(stimuli.Select(f => f.DestinationIn(dir)), runs.Select(f => f.DestinationIn(dir)), subject,
            audio ? "WAV recording" : "TextGrid", out var skipped);
        if (skipped.Count > 0)
            progress.Info($"LeBel2023: {subject} has no fMRI for {skipped.Count} of the {stories.Count + skipped.Count} stories " +
                          $"({string.Join(", ", skipped.Take(10))}{(skipped.Count > 10 ? ", ..." : "")}): not heard, so left out; using the other {stories.Count}.");
        // Only the stories the participant heard: UTS04-08 need a third of the recordings.
        var heard = stories.Select(s => s.StimulusPath).ToHashSet(StringComparer.Ordinal);
        var ceiling = LeBelSources.Ceiling();
        var labels = regions ? LeBelSources.FreeSurferLabels(subject, derivative) : [];
        var manifest = new DatasetManifest(LeBelSources.DatasetName,
            [.. stimuli.Where(f => heard.Contains(f.DestinationIn(dir))), .. runs, ceiling, .. labels]);
        new DatasetFetcher(home, downloader, progress).EnsureAvailable(manifest, offline);
        var local = labels.Select(f => f.DestinationIn(dir)).ToArray();
        return new LeBelFiles(stories, manifest.Files.Select(f => f.DestinationIn(dir)).ToArray(), ceiling.DestinationIn(dir),
            regions ? new Labels(local[0], local[1], local[2], local[3]) : null);
    }
}
