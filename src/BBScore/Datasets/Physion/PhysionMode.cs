using BBScore.Stimuli;

namespace BBScore.Datasets.Physion;

/// <summary>One of the two Physion stimulus sets (spec §2.5): the folder of the public bucket and of the data home, the
/// stimulus CSV and zip (unpacked into <c>videos/</c>, holding a folder named like them), how many characters the CSV's
/// <c>stimulus_id</c> carries beyond the id the human data uses, and the frame rule. Detection shows 4 s at 10 fps,
/// prediction the first 0.45 s at 25 fps (int(25 × 0.45) = 11 frames).</summary>
public sealed record PhysionMode(string Name, string Folder, string FileStem, int StimulusIdSuffix, ClipFrameSampling Sampling)
{
    public static PhysionMode Detection { get; } =
        new("Detection", "PhysionDetection", "stimulus_PhysionGlobalFocusedLongDetection2024", StimulusIdSuffix: 4, new ClipFrameSampling(10, 40));

    public static PhysionMode Prediction { get; } =
        new("Prediction", "PhysionPrediction", "stimulus_PhysionGlobalPrediction2024", StimulusIdSuffix: 8, new ClipFrameSampling(25, 11));

    public static IReadOnlyList<PhysionMode> All { get; } = [Detection, Prediction];

    public string CsvFile => FileStem + ".csv";
    public string ZipFile => FileStem + ".zip";

    /// <summary>The zip's unpack folder, relative to the dataset folder.</summary>
    public const string VideosFolder = "videos";

    /// <summary>The folder the CSV's <c>filename</c> paths are relative to, relative to the dataset folder.</summary>
    public string ClipsFolder => Path.Combine(VideosFolder, FileStem);

    /// <summary>The human data file of <paramref name="task"/> in this mode.</summary>
    public string HumanFile(PhysionTask task) => $"PhysionHuman{task}{Name}2024.nc";

    /// <summary>The id the human data knows a CSV row by: its <c>stimulus_id</c> less the suffix (the original's
    /// <c>[:-4]</c> / <c>[:-8]</c>; Python's slice of a shorter string is empty, and so is this).</summary>
    public string HumanStimulusId(string csvStimulusId) =>
        csvStimulusId.Length > StimulusIdSuffix ? csvStimulusId[..^StimulusIdSuffix] : "";
}
