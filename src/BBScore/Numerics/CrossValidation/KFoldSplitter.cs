namespace BBScore.Numerics.CrossValidation;

/// <summary>
/// scikit-learn's <c>KFold</c>: rows (optionally shuffled) are cut into <see cref="Folds"/>
/// consecutive blocks; the first <c>rows % folds</c> blocks get one row more, so fold sizes equal
/// scikit-learn's exactly. The shuffle is <see cref="SeededRandom"/>, not NumPy's, so which rows
/// land in which fold differs from the original for the same seed.
/// </summary>
public sealed class KFoldSplitter
{
    public KFoldSplitter(int folds = 10, bool shuffle = true, int seed = 42)
    {
        Fold.CheckFoldCount(folds);
        Folds = folds;
        Shuffle = shuffle;
        Seed = seed;
    }

    public int Folds { get; }
    public bool Shuffle { get; }
    public int Seed { get; }

    public IReadOnlyList<Fold> Split(int rows)
    {
        Fold.CheckEnoughRows(rows, Folds);
        var order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        if (Shuffle) new SeededRandom(Seed).Shuffle<int>(order);

        var testFoldOfRow = new int[rows];
        int start = 0;
        int[] sizes = FoldSizes(rows, Folds);
        for (int f = 0; f < Folds; f++)
        {
            for (int i = start; i < start + sizes[f]; i++) testFoldOfRow[order[i]] = f;
            start += sizes[f];
        }
        return Fold.FromTestAssignment(testFoldOfRow, Folds);
    }

    /// <summary>Test-set size of each fold: <c>rows / folds</c>, plus one for the first <c>rows % folds</c> folds.</summary>
    public static int[] FoldSizes(int rows, int folds)
    {
        var sizes = new int[folds];
        for (int f = 0; f < folds; f++) sizes[f] = rows / folds + (f < rows % folds ? 1 : 0);
        return sizes;
    }
}
