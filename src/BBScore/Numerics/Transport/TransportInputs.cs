namespace BBScore.Numerics.Transport;

/// <summary>Shared checks of a transport problem: marginals sized to the cost matrix, positive and
/// finite; costs finite (an undefined cost has no transport meaning, so callers replace NaN first,
/// as soft matching maps an undefined correlation distance to 1).</summary>
internal static class TransportInputs
{
    public static void Check(double[] a, double[] b, double[,] cost)
    {
        int rows = cost.GetLength(0), columns = cost.GetLength(1);
        if (rows == 0 || columns == 0) throw new ArgumentException("The cost matrix is empty.", nameof(cost));
        if (a.Length != rows || b.Length != columns)
            throw new ArgumentException($"The marginals have {a.Length} and {b.Length} entries for a {rows} × {columns} cost matrix.");
        CheckMarginal(a, nameof(a));
        CheckMarginal(b, nameof(b));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                if (!double.IsFinite(cost[i, j]))
                    throw new ArgumentException($"The cost matrix contains {cost[i, j]} at ({i}, {j}); costs must be finite.", nameof(cost));
    }

    static void CheckMarginal(double[] marginal, string name)
    {
        for (int i = 0; i < marginal.Length; i++)
            if (!(marginal[i] > 0) || !double.IsFinite(marginal[i]))
                throw new ArgumentException($"Marginal weights must be positive and finite; entry {i} is {marginal[i]}.", name);
    }
}
