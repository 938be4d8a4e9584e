namespace BBScore.Numerics.CrossValidation;

/// <summary>
/// scikit-learn's <c>GroupKFold</c> (no shuffling): rows of one group are never split across
/// folds. Groups are taken largest first and each goes to the fold with the fewest rows so far
/// (the lowest-numbered fold on a tie). Equally sized groups are taken in descending group-id
/// order, which is what NumPy's <c>argsort(...)[::-1]</c> gives for small arrays; for many
/// equal-size groups NumPy's unstable sort may order them differently.
/// </summary>
public sealed class GroupKFoldSplitter
{
    public GroupKFoldSplitter(int folds = 10)
    {
        Fold.CheckFoldCount(folds);
        Folds = folds;
    }

    public int Folds { get; }

    /// <param name="groups">One group id per row (e.g. the story or run a sample came from).</param>
    public IReadOnlyList<Fold> Split(IReadOnlyList<int> groups)
    {
        int rows = groups.Count;
        Fold.CheckEnoughRows(rows, Folds);
        int[] ids = groups.Distinct().Order().ToArray();
        if (ids.Length < Folds)
            throw new ArgumentException(
                $"Group {Folds}-fold cross-validation needs at least {Folds} distinct groups, got {ids.Length}. " +
                "Use fewer folds or finer groups.");
        var indexOfId = new Dictionary<int, int>(ids.Length);
        for (int g = 0; g < ids.Length; g++) indexOfId[ids[g]] = g;
        var groupSizes = new long[ids.Length];
        foreach (int id in groups) groupSizes[indexOfId[id]]++;

        // OrderBy is stable; reversing it puts the largest first and, among equal sizes, the higher id first.
        int[] largestFirst = Enumerable.Range(0, ids.Length).OrderBy(g => groupSizes[g]).Reverse().ToArray();
        var rowsInFold = new long[Folds];
        var foldOfGroup = new int[ids.Length];
        foreach (int g in largestFirst)
        {
            int lightest = 0;
            for (int f = 1; f < Folds; f++)
                if (rowsInFold[f] < rowsInFold[lightest]) lightest = f;
            rowsInFold[lightest] += groupSizes[g];
            foldOfGroup[g] = lightest;
        }

        var testFoldOfRow = new int[rows];
        for (int row = 0; row < rows; row++) testFoldOfRow[row] = foldOfGroup[indexOfId[groups[row]]];
        return Fold.FromTestAssignment(testFoldOfRow, Folds);
    }
}
