using BBScore.Data.Download;

namespace BBScore.Datasets.Ssv2;

/// <summary>Where the pruned SSV2 set comes from (spec §2.6): <c>gs://bbscore_datasets/SSV2_pruned/</c>, two class-map
/// CSVs and two clip zips. Each zip is unpacked (atomically) into <c>videos/ssv2_{train,test}_videos/</c>, the folder the
/// original's extract() makes from the zip's name, so clips sit at <c>videos/ssv2_train_videos/&lt;filename&gt;</c>.</summary>
public static class Ssv2Sources
{
    public const string Prefix = "SSV2_pruned/";

    /// <summary>The dataset folder under the data home (the original's class name).</summary>
    public const string DatasetName = "SSV2Pruned";

    public static string CsvName(bool train) => train ? "train_classes_map.csv" : "test_classes_map.csv";

    public static string ClipFolder(bool train) => $"videos/ssv2_{(train ? "train" : "test")}_videos";

    public static DatasetManifest Manifest(GcsSource? gcs = null)
    {
        gcs ??= new GcsSource();
        bool[] splits = [true, false];
        return new DatasetManifest(DatasetName,
            splits.SelectMany(t => new[]
            {
                gcs.File(Prefix + CsvName(t), CsvName(t)),
                gcs.File(Prefix + ZipName(t), ZipName(t)),
            }).ToArray(),
            splits.Select(t => new ArchiveEntry(ZipName(t), ClipFolder(t))).ToArray());
    }

    static string ZipName(bool train) => $"ssv2_{(train ? "train" : "test")}_videos.zip";
}
