using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Progress;

namespace BBScore.Datasets.Physion;

/// <summary>Where the Physion human-response files come from (the public GCS bucket, <c>bbscore_datasets/physion_human/</c>,
/// fetched anonymously as the original's <c>ensure_physion_file</c> does) and where they go:
/// <c>&lt;data home&gt;/datasets/PhysionBehavioral/&lt;file&gt;.nc</c> (the original's <c>&lt;sklearn data_home&gt;/PhysionBehavioral/</c>).
/// Each file is its own manifest so a metric fetches only the one it compares with.</summary>
public sealed class PhysionHumanFiles(GcsSource? gcs = null)
{
    public const string DatasetName = "PhysionBehavioral";
    public const string BucketPrefix = "physion_human";

    public GcsSource Gcs { get; } = gcs ?? new GcsSource();

    /// <summary>One task's file: <c>physion_human/&lt;name&gt;</c> in the bucket, <c>&lt;name&gt;</c> in the dataset folder.</summary>
    public DatasetManifest Manifest(PhysionHumanTask task) =>
        new(DatasetName, [Gcs.File($"{BucketPrefix}/{task.FileName()}", task.FileName())]);

    /// <summary>Every task's manifest (for listing or mirroring).</summary>
    public IReadOnlyList<DatasetManifest> AllManifests() => PhysionHumanTasks.All.Select(Manifest).ToArray();

    /// <summary>The local path of <paramref name="task"/>'s file, downloading it when missing; offline, a missing file
    /// fails with its URL and where to put it.</summary>
    public string Ensure(DataHome home, PhysionHumanTask task, IProgressSink? progress = null, bool offline = false,
                         DownloadOptions? options = null, CancellationToken cancel = default)
    {
        using var downloader = new Downloader(progress, options);
        var manifest = Manifest(task);
        string folder = new DatasetFetcher(home, downloader, progress).EnsureAvailable(manifest, offline, cancel);
        return Path.Combine(folder, task.FileName());
    }

    /// <summary>Fetches (when missing) and reads <paramref name="task"/>'s responses. A file that does not parse is a
    /// damaged download: it is moved aside (<c>.damaged</c>) and the error names it and says the next run fetches it again.</summary>
    public PhysionHumanResponses Load(DataHome home, PhysionHumanTask task, IProgressSink? progress = null, bool offline = false,
                                      DownloadOptions? options = null, CancellationToken cancel = default)
    {
        string path = Ensure(home, task, progress, offline, options, cancel);
        return DamagedDataFile.Read(path, () => PhysionHumanResponses.Read(path, task));
    }
}
