using BBScore.Datasets.ImageFiles;
using BBScore.Formats;
using BBScore.Metrics;
using BBScore.Numerics;

namespace BBScore.Benchmarks;

/// <summary>
/// A benchmark made on the spot from a user's files (<see cref="AdHocBenchmarkFiles"/>), named
/// <c>custom:&lt;folder or CSV name&gt;</c>. Stimuli (images, clips, sounds or texts, one kind per
/// set) follow <see cref="StimulusList"/>'s order and are loaded in their own kind
/// (<see cref="FileStimulusSets"/>); the model decides how to take them.
/// <c>--targets</c> rows follow the same order over all stimuli; with a CSV <c>split</c> column, the
/// train rows (in order) are the training targets and the test rows (in order) the test targets.
/// <c>--target-rdm</c> covers all stimuli and cannot be combined with a test split.
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
            Description: $"User stimuli from {list.Source} ({list.Files.Count} {list.Noun}).",
            SuggestedMetric: files.TargetRdm is null ? "ridge" : "rsa",
            Load: _ => Load(name, list, files));
    }

    static BenchmarkData Load(string name, StimulusList list, AdHocBenchmarkFiles files)
    {
        var trainFiles = list.Train;
        var testFiles = list.Test;
        if (trainFiles.Count == 0)
            throw new ArgumentException($"--stimuli {list.Source}: every row is split 'test'; mark the stimuli to fit (or cross-validate) on as 'train'.");
        var train = FileStimulusSets.Create(name, trainFiles, list.Kind);
        var test = testFiles.Count == 0 ? null : FileStimulusSets.Create(name + ":test", testFiles, list.Kind);

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
                $"--targets {targetsPath} has {targets.GetLength(0)} rows but --stimuli {list.Source} lists {list.Files.Count} {list.Noun}; " +
                $"give one row per {StimulusFileKinds.Singular(list.Kind)}, in the stimulus order.");
        if (test is null) return new BenchmarkData(train, targets);
        return new BenchmarkData(train, TargetRows.Select(targets, RowsOf(list, StimulusSplit.Train)),
            test, TargetRows.Select(targets, RowsOf(list, StimulusSplit.Test)));
    }

    static int[] RowsOf(StimulusList list, StimulusSplit split) =>
        Enumerable.Range(0, list.Files.Count).Where(i => list.Files[i].Split == split).ToArray();
}
