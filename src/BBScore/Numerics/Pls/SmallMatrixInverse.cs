namespace BBScore.Numerics.Pls;

/// <summary>Inverse of a small square matrix (PLS's components × components PᵀW) by Gauss–Jordan
/// elimination with partial pivoting, in managed doubles.</summary>
public static class SmallMatrixInverse
{
    /// <summary>Inverts <paramref name="matrix"/> (size × size, row-major). Throws when it is singular.</summary>
    /// <remarks>scikit-learn uses a pseudo-inverse here. For the PᵀW of components that were actually
    /// found the matrix is unit upper triangular in exact arithmetic (pᵢ·wᵢ = 1, and pᵢ·wⱼ = 0 for
    /// j &lt; i because deflation leaves Xᵢwⱼ = 0), so it is always invertible and both agree.</remarks>
    public static double[] Invert(double[] matrix, int size)
    {
        if (matrix.Length != size * size) throw new ArgumentException($"Expected {size} × {size} values, got {matrix.Length}.", nameof(matrix));
        int width = 2 * size;
        var work = new double[size * width];
        for (int r = 0; r < size; r++)
        {
            Array.Copy(matrix, r * size, work, r * width, size);
            work[r * width + size + r] = 1.0;
        }

        for (int column = 0; column < size; column++)
        {
            int pivot = PivotRow(work, width, size, column);
            if (work[pivot * width + column] == 0.0) throw new ArgumentException("The matrix is singular and has no inverse.", nameof(matrix));
            if (pivot != column) SwapRows(work, width, pivot, column);

            double scale = 1.0 / work[column * width + column];
            for (int c = 0; c < width; c++) work[column * width + c] *= scale;
            for (int r = 0; r < size; r++)
            {
                double factor = work[r * width + column];
                if (r == column || factor == 0.0) continue;
                for (int c = 0; c < width; c++) work[r * width + c] -= factor * work[column * width + c];
            }
        }

        var inverse = new double[size * size];
        for (int r = 0; r < size; r++) Array.Copy(work, r * width + size, inverse, r * size, size);
        return inverse;
    }

    static int PivotRow(double[] work, int width, int size, int column)
    {
        int best = column;
        for (int r = column + 1; r < size; r++)
            if (Math.Abs(work[r * width + column]) > Math.Abs(work[best * width + column])) best = r;
        return best;
    }

    static void SwapRows(double[] work, int width, int a, int b)
    {
        for (int c = 0; c < width; c++) (work[a * width + c], work[b * width + c]) = (work[b * width + c], work[a * width + c]);
    }
}
