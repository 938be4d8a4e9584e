using BBScore.Features;

namespace BBScore.Metrics.Regression;

/// <summary>
/// Checks a regression metric's inputs before any fitting, so a bad file fails in a second with
/// a message naming the fix instead of after an hour of folds (or as a silent NaN score).
/// </summary>
/// <remarks>Constant feature columns are allowed: they carry no information, and linear
/// regressors that centre features (ridge, PLS) give them zero weight. They are only counted
/// and reported as a note.</remarks>
internal static class RegressionInputValidator
{
    public static void Validate(MetricInputs inputs, RegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        CheckPair(inputs.TrainFeatures, inputs.TrainTargets, "training");
        int targets = inputs.TrainTargets.GetLength(1);
        if (targets == 0) throw new ArgumentException("The targets have no columns; give at least one target (neuron, voxel, behaviour column).");

        bool heldOut = inputs.TestFeatures is not null || inputs.TestTargets is not null;
        if (heldOut)
        {
            if (inputs.TestFeatures is null || inputs.TestTargets is null)
                throw new ArgumentException("A test set needs both test features and test targets; give both or neither.");
            CheckPair(inputs.TestFeatures, inputs.TestTargets, "test");
            if (inputs.TestFeatures.RowLength != inputs.TrainFeatures.RowLength)
                throw new ArgumentException(
                    $"Test features have {inputs.TestFeatures.RowLength} values per row but training features have " +
                    $"{inputs.TrainFeatures.RowLength}; both must come from the same layer and preprocessing.");
            if (inputs.TestTargets.GetLength(1) != targets)
                throw new ArgumentException(
                    $"Test targets have {inputs.TestTargets.GetLength(1)} columns but training targets have {targets}; " +
                    "they must be the same targets in the same order.");
        }
        else
        {
            CheckFoldLabels(inputs, options);
        }

        if (inputs.Ceiling is { } ceiling && ceiling.Length != targets && ceiling.Length != 1)
            throw new ArgumentException(
                $"The ceiling has {ceiling.Length} values but there are {targets} targets; give one ceiling per target (or a single value for all).");
        if (!inputs.TrainFeatures.IsOnDisk) NoteConstantColumns(inputs.TrainFeatures, options);
    }

    static void CheckPair(FeatureTensor features, double[,] targets, string set)
    {
        if (features.Rows != targets.GetLength(0))
            throw new ArgumentException(
                $"The {set} features have {features.Rows} rows but the {set} targets have {targets.GetLength(0)}; " +
                "both need one row per stimulus, in the same order.");
        if (features.Rows == 0) throw new ArgumentException($"The {set} set has no rows (stimuli).");
        CheckFinite(features, set);
        CheckFinite(targets, set);
    }

    /// <summary>Training features left on disk for a streaming metric are not read here: ridge checks every column of each block
    /// as it reads it (through the block's means). Held-out features on disk are read a batch of rows at a time.</summary>
    static void CheckFinite(FeatureTensor features, string set)
    {
        if (features.IsOnDisk)
        {
            if (set != "training") CheckFiniteOnDisk(features, set);
            return;
        }
        float[] data = features.Data;
        int width = features.RowLength;
        int first = Array.FindIndex(data, v => !float.IsFinite(v));
        if (first < 0) return;
        int count = data.Count(v => !float.IsFinite(v));
        throw new ArgumentException(
            $"The {set} features contain {count} NaN/Inf value(s), the first {data[first]} at row {first / width}, column {first % width}. " +
            "Replace them (e.g. with 0) or drop those stimuli before scoring.");
    }

    static void CheckFiniteOnDisk(FeatureTensor features, string set)
    {
        using var reader = Formats.NpyRowReader.Open(features.DiskPath!);
        int width = reader.RowLength, batch = (int)Math.Clamp((64L << 20) / (4L * Math.Max(1, width)), 1, Math.Max(1, reader.Rows));
        var values = new float[(long)batch * width];
        for (int start = 0; start < reader.Rows; start += batch)
        {
            int count = Math.Min(batch, reader.Rows - start);
            reader.ReadRows(Enumerable.Range(start, count).ToArray(), values);
            int first = Array.FindIndex(values, 0, count * width, v => !float.IsFinite(v));
            if (first >= 0)
                throw new ArgumentException(
                    $"The {set} features ({features.DiskPath}) contain {values[first]} at row {start + first / width}, column {first % width}. " +
                    "Replace NaN/Inf values (e.g. with 0) or drop those stimuli before scoring.");
        }
    }

    static void CheckFinite(double[,] targets, string set)
    {
        int rows = targets.GetLength(0), columns = targets.GetLength(1);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                if (!double.IsFinite(targets[r, c]))
                    throw new ArgumentException(
                        $"The {set} targets contain {targets[r, c]} at row {r}, column {c}. " +
                        "Drop targets (columns) with missing responses, or the stimuli (rows) lacking them, before scoring.");
    }

    static void CheckFoldLabels(MetricInputs inputs, RegressionOptions options)
    {
        int rows = inputs.TrainFeatures.Rows;
        if (options.Folds < 2) throw new ArgumentException($"Cross-validation needs at least 2 folds, got {options.Folds}.");
        if (inputs.StratifyLabels is not null && inputs.Groups is not null)
            throw new ArgumentException("Give stratification labels or groups, not both: folds either balance classes or keep groups together.");
        if (inputs.StratifyLabels is { } labels && labels.Length != rows)
            throw new ArgumentException($"There are {labels.Length} stratification labels for {rows} training rows; give one label per stimulus.");
        if (inputs.Groups is { } groups && groups.Length != rows)
            throw new ArgumentException($"There are {groups.Length} group ids for {rows} training rows; give one group per stimulus.");
    }

    static void NoteConstantColumns(FeatureTensor features, RegressionOptions options)
    {
        int rows = features.Rows, width = features.RowLength;
        var varies = new bool[width];
        ReadOnlySpan<float> data = features.Data;
        ReadOnlySpan<float> first = data[..width];
        for (int r = 1; r < rows; r++)
        {
            ReadOnlySpan<float> row = data.Slice(r * width, width);
            for (int c = 0; c < width; c++)
                if (row[c] != first[c]) varies[c] = true;
        }
        int constant = varies.Count(v => !v);
        if (constant > 0)
            options.Progress.Info($"{constant} of {width} feature columns are constant over the training stimuli; they carry no information and are kept as they are.");
    }
}
