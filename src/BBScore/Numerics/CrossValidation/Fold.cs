namespace BBScore.Numerics.CrossValidation;

/// <summary>One cross-validation split: the rows to fit on and the rows to score on, both in
/// ascending order and disjoint; over all folds every row is tested exactly once.</summary>
public sealed record Fold(int[] Train, int[] Test)
{
    /// <summary>Builds the folds from "row i is tested in fold f" (every fold must receive a row).</summary>
    public static IReadOnlyList<Fold> FromTestAssignment(IReadOnlyList<int> testFoldOfRow, int folds)
    {
        var testSizes = new int[folds];
        foreach (int f in testFoldOfRow)
        {
            if ((uint)f >= (uint)folds) throw new ArgumentException($"Fold index {f} is outside 0..{folds - 1}.", nameof(testFoldOfRow));
            testSizes[f]++;
        }
        int rows = testFoldOfRow.Count;
        var result = new Fold[folds];
        for (int f = 0; f < folds; f++)
        {
            if (testSizes[f] == 0) throw new ArgumentException($"Fold {f} received no rows.", nameof(testFoldOfRow));
            var train = new int[rows - testSizes[f]];
            var test = new int[testSizes[f]];
            int nextTrain = 0, nextTest = 0;
            for (int row = 0; row < rows; row++)
            {
                if (testFoldOfRow[row] == f) test[nextTest++] = row;
                else train[nextTrain++] = row;
            }
            result[f] = new Fold(train, test);
        }
        return result;
    }

    /// <summary>scikit-learn's rule: fewer than 2 folds is not cross-validation.</summary>
    internal static void CheckFoldCount(int folds)
    {
        if (folds < 2) throw new ArgumentException($"Cross-validation needs at least 2 folds, got {folds}.", nameof(folds));
    }

    /// <summary>Every fold needs a test row, so there must be at least as many rows as folds.</summary>
    internal static void CheckEnoughRows(int rows, int folds)
    {
        if (rows < folds)
            throw new ArgumentException(
                $"Cannot split {rows} samples into {folds} folds: every fold needs at least one test sample. " +
                $"Give at least {folds} samples (stimuli) or use fewer folds.");
    }
}
