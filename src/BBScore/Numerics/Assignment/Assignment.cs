namespace BBScore.Numerics.Assignment;

/// <summary>A matching of rows to columns: row <c>Rows[k]</c> is assigned column <c>Columns[k]</c>.
/// Rows are in ascending order (as SciPy's <c>linear_sum_assignment</c> returns them); there are
/// min(rows, columns) pairs.</summary>
public sealed record Assignment(int[] Rows, int[] Columns)
{
    public int Count => Rows.Length;

    /// <summary>Sum of <paramref name="matrix"/> over the matched pairs.</summary>
    public double Total(double[,] matrix)
    {
        double total = 0;
        for (int k = 0; k < Rows.Length; k++) total += matrix[Rows[k], Columns[k]];
        return total;
    }
}
