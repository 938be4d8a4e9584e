namespace BBScore.Numerics.Assignment;

/// <summary>
/// SciPy's <c>scipy.optimize.linear_sum_assignment</c> for rectangular cost matrices in float64: every
/// row of the smaller side is matched to a distinct member of the other side so that the total cost is
/// minimal (or maximal with <c>maximize</c>). When several assignments reach the optimum, the one
/// returned may differ from SciPy's; the total does not.
/// </summary>
/// <remarks>NaN entries are rejected with an error naming the first one (SciPy rejects them too):
/// callers decide what an undefined score means before matching (the matching metrics map NaN
/// correlations to 0). +∞ (−∞ when maximising) marks a forbidden pair, as in SciPy.</remarks>
public static class LinearSumAssignment
{
    public static Assignment Solve(double[,] cost, bool maximize = false)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0), columns = cost.GetLength(1);
        if (rows == 0 || columns == 0) return new Assignment([], []);
        bool transpose = rows > columns;
        int n = Math.Min(rows, columns), m = Math.Max(rows, columns);

        // The solver wants the short side as rows and a minimisation; copying also flattens the matrix.
        var flat = new double[(long)n * m];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double value = cost[r, c];
                if (double.IsNaN(value))
                    throw new ArgumentException($"The cost matrix contains NaN at ({r}, {c}); replace undefined entries before matching.", nameof(cost));
                if (maximize) value = -value;
                if (double.IsNegativeInfinity(value))
                    throw new ArgumentException($"The cost matrix contains {cost[r, c]} at ({r}, {c}), which would make the {(maximize ? "maximum" : "minimum")} unbounded.", nameof(cost));
                flat[transpose ? (long)c * m + r : (long)r * m + c] = value;
            }

        int[] match = ShortestAugmentingPath.Solve(flat, n, m);
        if (!transpose) return new Assignment(Enumerable.Range(0, n).ToArray(), match);

        // Rows were columns: report them in ascending row order, as SciPy does.
        var order = Enumerable.Range(0, n).OrderBy(k => match[k]).ToArray();
        return new Assignment(order.Select(k => match[k]).ToArray(), order);
    }
}
