using BBScore.Data.Download;

namespace BBScore.Datasets.Physion;

/// <summary>Where the Physion files come from (the public GCS bucket) and where they go. Stimuli: the mode's CSV and
/// zip from <c>bbscore_datasets/Physion&lt;Mode&gt;/</c> into <c>&lt;datasets&gt;/Physion&lt;Mode&gt;/</c>, the zip unpacked
/// into <c>videos/</c> (as the original does). Human data: <c>bbscore_datasets/physion_human/&lt;file&gt;.nc</c> into
/// <c>&lt;datasets&gt;/PhysionBehavioral/</c>, the prefix and folder of the original's physion_* metrics, so the
/// benchmark and the metric share one download (the original's datasets fetch the same files a second time from the
/// stimulus folder).</summary>
public sealed class PhysionFiles(GcsSource? gcs = null)
{
    public GcsSource Gcs { get; } = gcs ?? new GcsSource();

    public DatasetManifest StimulusManifest(PhysionMode mode) => new(mode.Folder,
        [Gcs.File($"{mode.Folder}/{mode.CsvFile}", mode.CsvFile), Gcs.File($"{mode.Folder}/{mode.ZipFile}", mode.ZipFile)],
        [new ArchiveEntry(mode.ZipFile, PhysionMode.VideosFolder)]);

    /// <summary>The human-response file the test split is filtered by: the same file, folder and manifest as the
    /// physion_* metrics' (<see cref="PhysionHumanFiles"/>), so one download serves both.</summary>
    public DatasetManifest HumanManifest(PhysionMode mode, PhysionTask task) => new PhysionHumanFiles(Gcs).Manifest(PhysionHumanTasks.Of(task, mode));
}
