namespace BBScore.Numerics.CrossValidation;

/// <summary>
/// scikit-learn's <c>StratifiedKFold</c> (0.22+ algorithm): classes are numbered by first
/// appearance; the label-sorted rows are dealt round-robin to the folds, which fixes how many rows
/// of each class every fold gets (so fold sizes and per-class counts equal scikit-learn's); then
/// each class's rows, in row order, receive their fold numbers, shuffled per class when
/// <see cref="Shuffle"/> is on. Without shuffling the folds equal scikit-learn's exactly; with it,
/// membership follows <see cref="SeededRandom"/> instead of NumPy.
/// </summary>
public sealed class StratifiedKFoldSplitter
{
    public StratifiedKFoldSplitter(int folds = 10, bool shuffle = true, int seed = 42)
    {
        Fold.CheckFoldCount(folds);
        Folds = folds;
        Shuffle = shuffle;
        Seed = seed;
    }

    public int Folds { get; }
    public bool Shuffle { get; }
    public int Seed { get; }

    /// <param name="labels">One class label per row.</param>
    /// <param name="warn">Receives scikit-learn's warning when some class has fewer rows than
    /// folds (those folds then lack the class); the split still proceeds, as there.</param>
    public IReadOnlyList<Fold> Split(IReadOnlyList<int> labels, Action<string>? warn = null)
    {
        int rows = labels.Count;
        Fold.CheckEnoughRows(rows, Folds);
        var (classOfRow, classSizes) = EncodeByFirstAppearance(labels);
        if (classSizes.Max() < Folds)
            throw new ArgumentException(
                $"Stratified {Folds}-fold cross-validation needs at least one class with {Folds} or more samples; " +
                $"the largest of the {classSizes.Length} classes has {classSizes.Max()}. Use fewer folds or no stratification.");
        if (classSizes.Min() < Folds)
            warn?.Invoke($"The least populated class in the stratification labels has only {classSizes.Min()} members, " +
                         $"fewer than the {Folds} folds; some folds will not contain it.");

        // Rows sorted by class, dealt to folds 0,1,..,k-1,0,1,..: allocation[f, c] rows of class c go to fold f.
        var allocation = new int[Folds, classSizes.Length];
        int position = 0;
        for (int c = 0; c < classSizes.Length; c++)
            for (int i = 0; i < classSizes[c]; i++, position++)
                allocation[position % Folds, c]++;

        var random = new SeededRandom(Seed);
        var testFoldOfRow = new int[rows];
        for (int c = 0; c < classSizes.Length; c++)
        {
            var foldsForClass = new int[classSizes[c]];
            int next = 0;
            for (int f = 0; f < Folds; f++)
                for (int i = 0; i < allocation[f, c]; i++) foldsForClass[next++] = f;
            if (Shuffle) random.Shuffle<int>(foldsForClass);
            next = 0;
            for (int row = 0; row < rows; row++)
                if (classOfRow[row] == c) testFoldOfRow[row] = foldsForClass[next++];
        }
        return Fold.FromTestAssignment(testFoldOfRow, Folds);
    }

    static (int[] ClassOfRow, int[] ClassSizes) EncodeByFirstAppearance(IReadOnlyList<int> labels)
    {
        var classOfLabel = new Dictionary<int, int>();
        var classOfRow = new int[labels.Count];
        var sizes = new List<int>();
        for (int row = 0; row < labels.Count; row++)
        {
            if (!classOfLabel.TryGetValue(labels[row], out int c))
            {
                c = classOfLabel.Count;
                classOfLabel.Add(labels[row], c);
                sizes.Add(0);
            }
            classOfRow[row] = c;
            sizes[c]++;
        }
        return (classOfRow, sizes.ToArray());
    }
}
