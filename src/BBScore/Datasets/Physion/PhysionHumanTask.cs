namespace BBScore.Datasets.Physion;

/// <summary>The four Physion human-response sets (spec-data-benchmarks §2.5, spec-metrics-models §1.19): contact
/// (did the red object touch the yellow zone: a yes/no answer, <c>responseBool</c>) or placement (where: one of 16 × 16
/// grid cells, <c>choice</c>), each for the detection (whole clip) and the prediction (clip cut early) stimuli.</summary>
public enum PhysionHumanTask
{
    ContactDetection,
    ContactPrediction,
    PlacementDetection,
    PlacementPrediction,
}

/// <summary>Names and the response variable of each <see cref="PhysionHumanTask"/>.</summary>
public static class PhysionHumanTasks
{
    /// <summary>All four, in the order the original's metrics registry lists them.</summary>
    public static IReadOnlyList<PhysionHumanTask> All { get; } =
        [PhysionHumanTask.PlacementPrediction, PhysionHumanTask.PlacementDetection, PhysionHumanTask.ContactPrediction, PhysionHumanTask.ContactDetection];

    public static bool IsContact(this PhysionHumanTask task) => task is PhysionHumanTask.ContactDetection or PhysionHumanTask.ContactPrediction;

    /// <summary>The human task of a benchmark's task and mode (e.g. contact × detection).</summary>
    public static PhysionHumanTask Of(PhysionTask task, PhysionMode mode) => Enum.Parse<PhysionHumanTask>($"{task}{mode.Name}");

    /// <summary>The file in the bucket, e.g. <c>PhysionHumanContactDetection2024.nc</c>.</summary>
    public static string FileName(this PhysionHumanTask task) => $"PhysionHuman{task}2024.nc";

    /// <summary>The per-presentation answer: <c>responseBool</c> (contact) or <c>choice</c> (placement grid cell).</summary>
    public static string ResponseVariable(this PhysionHumanTask task) => task.IsContact() ? "responseBool" : "choice";
}
