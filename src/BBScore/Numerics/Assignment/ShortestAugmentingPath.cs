namespace BBScore.Numerics.Assignment;

/// <summary>
/// The shortest-augmenting-path method for the rectangular linear assignment problem (Jonker–Volgenant
/// without their initialisation heuristics; the variant SciPy's <c>linear_sum_assignment</c> uses): rows
/// are added one at a time, each by a Dijkstra search over reduced costs <c>c[i,j] − u[i] − v[j]</c>
/// (kept non-negative by the dual potentials u, v) for the cheapest path to a free column, then the
/// path is flipped. O(rows² · columns) worst case; needs rows ≤ columns.
/// </summary>
internal static class ShortestAugmentingPath
{
    /// <summary>Column of each row minimising the total of <paramref name="cost"/> (row-major rows × columns,
    /// finite or +∞ for a forbidden pair). Throws when no assignment avoids the forbidden pairs.</summary>
    public static int[] Solve(double[] cost, int rows, int columns)
    {
        if (rows > columns) throw new ArgumentException($"Needs rows ≤ columns, got {rows} × {columns}.");
        var rowPotential = new double[rows];
        var columnPotential = new double[columns];
        var columnOfRow = new int[rows];
        var rowOfColumn = new int[columns];
        Array.Fill(columnOfRow, -1);
        Array.Fill(rowOfColumn, -1);

        var shortest = new double[columns];
        var predecessor = new int[columns];
        var scannedRow = new bool[rows];
        var scannedColumn = new bool[columns];
        var remaining = new int[columns];

        for (int start = 0; start < rows; start++)
        {
            Array.Fill(shortest, double.PositiveInfinity);
            Array.Clear(scannedRow);
            Array.Clear(scannedColumn);
            for (int j = 0; j < columns; j++) remaining[j] = j;
            int remainingCount = columns;
            double pathLength = 0;
            int row = start, sink = -1;

            while (sink < 0)
            {
                scannedRow[row] = true;
                int best = -1;
                double lowest = double.PositiveInfinity;
                int offset = row * columns;
                for (int k = 0; k < remainingCount; k++)
                {
                    int j = remaining[k];
                    double reduced = pathLength + cost[offset + j] - rowPotential[row] - columnPotential[j];
                    if (reduced < shortest[j])
                    {
                        predecessor[j] = row;
                        shortest[j] = reduced;
                    }
                    // On a tie prefer a free column: the path ends sooner.
                    if (shortest[j] < lowest || (shortest[j] == lowest && rowOfColumn[j] < 0))
                    {
                        lowest = shortest[j];
                        best = k;
                    }
                }
                if (best < 0 || double.IsPositiveInfinity(lowest))
                    throw new InvalidOperationException("The cost matrix is infeasible: no assignment avoids every forbidden (+∞) pair.");
                pathLength = lowest;
                int column = remaining[best];
                remaining[best] = remaining[--remainingCount];
                scannedColumn[column] = true;
                if (rowOfColumn[column] < 0) sink = column;
                else row = rowOfColumn[column];
            }

            // Keep reduced costs non-negative and zero along the new matching.
            rowPotential[start] += pathLength;
            for (int i = 0; i < rows; i++)
                if (scannedRow[i] && i != start) rowPotential[i] += pathLength - shortest[columnOfRow[i]];
            for (int j = 0; j < columns; j++)
                if (scannedColumn[j]) columnPotential[j] -= pathLength - shortest[j];

            for (int column = sink; ;)
            {
                int i = predecessor[column];
                rowOfColumn[column] = i;
                (columnOfRow[i], column) = (column, columnOfRow[i]);
                if (i == start) break;
            }
        }
        return columnOfRow;
    }
}
