namespace BBScore.Numerics;

/// <summary>Row selection for target matrices (stimuli × targets), the counterpart of
/// <see cref="FeatureMatrix.SelectRows"/> for folds and validation splits.</summary>
public static class TargetRows
{
    public static double[,] Select(double[,] matrix, IReadOnlyList<int> rows)
    {
        int columns = matrix.GetLength(1);
        var selected = new double[rows.Count, columns];
        for (int i = 0; i < rows.Count; i++)
            for (int c = 0; c < columns; c++) selected[i, c] = matrix[rows[i], c];
        return selected;
    }
}
