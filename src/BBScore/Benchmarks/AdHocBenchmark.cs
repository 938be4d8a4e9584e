using BBScore.Datasets.ImageFiles;
using BBScore.Formats;
using BBScore.Metrics;
using BBScore.Numerics;

namespace BBScore.Benchmarks;

/// <summary>
/// A benchmark made on the spot from a user's files (<see cref="AdHocBenchmarkFiles"/>), named
/// <c>custom:&lt;folder or CSV name&gt;</c>. Images follow <see cref="StimulusList"/>'s order.
/// <c>--targets</c> rows follow the same order over all images; with a CSV <c>split</c> column, the
/// train rows (in order) are the training targets and the test rows (in order) the test targets.
/// <c>--target-rdm</c> covers all images and cannot be combined with a test split.
/// </summary>
public static class AdHocBenchmark
{
    public const string NamePrefix = "custom:";

    public static BenchmarkSpec Create(AdHocBenchmarkFiles files)
    {
        files.Validate();
        var list = StimulusList.Read(files.Stimuli);
        string name = NamePrefix + list.Name;
        return new BenchmarkSpec(
            Name: name,
            Aliases: [],
            Family: "custom",
            Kind: BenchmarkKind.Offline,
            Description: $"User stimuli from {list.Source} ({list.Files.Count} images).",
            SuggestedMetric: files.TargetRdm is null ? "ridge" : "rsa",
            Load: _ => Load(name, list, files));
    }

    static BenchmarkData Load(string name, StimulusList list, AdHocBenchmarkFiles files)
    {
        var trainFiles = list.Train;
        var testFiles = list.Test;
        if (trainFiles.Count == 0)
            throw new ArgumentException($"--stimuli {list.Source}: every row is split 'test'; mark the stimuli to fit (or cross-validate) on as 'train'.");
        var train = new ImageFileStimulusSet(name, trainFiles);
        var test = testFiles.Count == 0 ? null : new ImageFileStimulusSet(name + ":test", testFiles);

        if (files.TargetRdm is { } rdmPath)
        {
            if (test is not null)
                throw new ArgumentException(
                    $"--target-rdm scores all stimuli together, but --stimuli {list.Source} marks {testFiles.Count} as 'test'; " +
                    "drop the split column (or mark every row 'train').");
            var rdms = TargetRdmFile.Read(rdmPath, train.Count, $"--stimuli {list.Source}");
            return new BenchmarkData(train, new double[train.Count, 0], TargetRdms: rdms);
        }

        string targetsPath = files.Targets!;
        var targets = NpyInput.ReadTargets(targetsPath, "--targets");
        if (targets.GetLength(0) != list.Files.Count)
            throw new ArgumentException(
                $"--targets {targetsPath} has {targets.GetLength(0)} rows but --stimuli {list.Source} lists {list.Files.Count} images; " +
                "give one row per image, in the stimulus order.");
        if (test is null) return new BenchmarkData(train, targets);
        return new BenchmarkData(train, TargetRows.Select(targets, RowsOf(list, StimulusSplit.Train)),
            test, TargetRows.Select(targets, RowsOf(list, StimulusSplit.Test)));
    }

    static int[] RowsOf(StimulusList list, StimulusSplit split) =>
        Enumerable.Range(0, list.Files.Count).Where(i => list.Files[i].Split == split).ToArray();
}
