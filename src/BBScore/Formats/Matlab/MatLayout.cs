namespace BBScore.Formats.Matlab;

/// <summary>MATLAB stores arrays column-major (first index fastest); these helpers reorder to row-major.</summary>
public static class MatLayout
{
    /// <summary>Reorders <paramref name="columnMajor"/> (MATLAB's <c>A(:)</c>) of MATLAB size
    /// <paramref name="shape"/> into row-major order.</summary>
    public static T[] ColumnMajorToRowMajor<T>(T[] columnMajor, int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        if (columnMajor.Length != count)
            throw new InvalidDataException($"{columnMajor.Length} elements do not fill a {string.Join("x", shape)} array.");
        int nonSingleton = shape.Count(d => d != 1);
        if (nonSingleton <= 1) return columnMajor; // vectors and scalars read the same either way
        var result = new T[count];
        if (shape.Length == 2)
        {
            int m = shape[0], n = shape[1];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                    result[i * n + j] = columnMajor[j * m + i];
            return result;
        }
        var strides = new int[shape.Length];
        for (int k = 0, s = 1; k < shape.Length; k++) { strides[k] = s; s *= shape[k]; }
        var index = new int[shape.Length];
        int offset = 0;
        for (int r = 0; r < count; r++)
        {
            result[r] = columnMajor[offset];
            for (int k = shape.Length - 1; k >= 0; k--) // odometer over the row-major index, last axis fastest
            {
                index[k]++;
                offset += strides[k];
                if (index[k] < shape[k]) break;
                offset -= strides[k] * shape[k];
                index[k] = 0;
            }
        }
        return result;
    }

    /// <summary>An m×0 char array stores no characters but becomes m empty strings: m is bounded by this instead
    /// of by the file (a damaged size field could otherwise ask for billions of them).</summary>
    public const int MaxEmptyCharRows = 1 << 20;

    /// <summary>Splits a column-major char array of MATLAB size m×n (any trailing dims folded into
    /// columns) into its m row strings.</summary>
    public static string[] CharRows(string[] columnMajorChars, int[] shape, string context)
    {
        int m = shape[0];
        if (columnMajorChars.Length == 0 && m > MaxEmptyCharRows)
            throw new InvalidDataException($"{context}: an empty char array of {m} rows (more than {MaxEmptyCharRows}); the file is damaged.");
        int n = m == 0 ? 0 : columnMajorChars.Length / m;
        var rows = new string[m];
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < m; i++)
        {
            sb.Clear();
            for (int j = 0; j < n; j++) sb.Append(columnMajorChars[j * m + i]);
            rows[i] = sb.ToString();
        }
        return rows;
    }

    /// <summary>MATLAB sizes have at least two dimensions.</summary>
    public static int[] AtLeast2D(int[] shape) => shape.Length switch
    {
        0 => [1, 1],
        1 => [shape[0], 1],
        _ => shape,
    };
}
