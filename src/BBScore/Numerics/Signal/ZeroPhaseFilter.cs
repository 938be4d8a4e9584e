namespace BBScore.Numerics.Signal;

/// <summary>Forward-backward (zero-phase) IIR filtering, reproducing <c>scipy.signal.filtfilt(b, a, x,
/// padtype='odd', padlen=None, method='pad')</c>: the signal is extended at both ends by odd reflection, filtered
/// forward with <c>lfilter</c> (direct form II transposed) from the step-response steady state of
/// <c>lfilter_zi</c> scaled by the first sample, filtered backward the same way from the state scaled by the last
/// forward output, and the extension is cut off again.</summary>
public static class ZeroPhaseFilter
{
    /// <summary><c>scipy.signal.filtfilt(b, a, x, padtype='odd', padlen=padLength)</c>.</summary>
    /// <param name="b">Numerator coefficients.</param>
    /// <param name="a">Denominator coefficients (a[0] non-zero; both are divided by it, as SciPy does).</param>
    /// <param name="x">The signal; it must be longer than the pad length.</param>
    /// <param name="padLength">Samples of odd extension at each end; SciPy's default (null) is 3 max(len(a), len(b)).</param>
    /// <exception cref="ArgumentException">x is not longer than the pad length (SciPy raises ValueError too).</exception>
    public static double[] FiltFilt(double[] b, double[] a, ReadOnlySpan<double> x, int? padLength = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(a);
        if (b.Length == 0 || a.Length == 0 || a[0] == 0)
            throw new ArgumentException("The filter needs at least one numerator coefficient and a non-zero a[0].", nameof(a));
        int order = Math.Max(a.Length, b.Length);
        int edge = padLength ?? 3 * order;
        if (edge < 0)
            throw new ArgumentOutOfRangeException(nameof(padLength), padLength, "The pad length cannot be negative.");
        if (x.Length <= edge)
            throw new ArgumentException(
                $"The length of the input vector x ({x.Length}) must be greater than padlen, which is {edge}.", nameof(x));

        (double[] bn, double[] an) = NormalizedAndPadded(b, a, order);
        double[] zi = SteadyStateInitialConditions(bn, an);
        double[] extended = OddExtension(x, edge);

        double[] state = new double[zi.Length];
        for (int i = 0; i < zi.Length; i++) state[i] = zi[i] * extended[0];
        FilterInPlace(bn, an, extended, state);

        Array.Reverse(extended);
        for (int i = 0; i < zi.Length; i++) state[i] = zi[i] * extended[0];
        FilterInPlace(bn, an, extended, state);
        Array.Reverse(extended);

        return extended.AsSpan(edge, x.Length).ToArray();
    }

    /// <summary>lfilter and lfilter_zi divide both polynomials by a[0]; the shorter one is padded with zeros.</summary>
    private static (double[] B, double[] A) NormalizedAndPadded(double[] b, double[] a, int length)
    {
        var bn = new double[length];
        var an = new double[length];
        for (int i = 0; i < b.Length; i++) bn[i] = b[i] / a[0];
        for (int i = 0; i < a.Length; i++) an[i] = a[i] / a[0];
        return (bn, an);
    }

    /// <summary>odd_ext: [2 x[0] - x[edge..1], x, 2 x[-1] - x[-2..-edge-1]], a point reflection about each end sample
    /// that keeps the signal and its slope continuous.</summary>
    private static double[] OddExtension(ReadOnlySpan<double> x, int edge)
    {
        int n = x.Length;
        var extended = new double[n + 2 * edge];
        for (int i = 0; i < edge; i++)
        {
            extended[i] = 2 * x[0] - x[edge - i];
            extended[edge + n + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        x.CopyTo(extended.AsSpan(edge, n));
        return extended;
    }

    /// <summary>lfilter_zi: the state zi with zi = A zi + B, i.e. (I - companion(a)^T) zi = b[1:] - a[1:] b[0], the
    /// state of a filter that has seen a unit step forever (a[0] = 1 here). Solved by Gaussian elimination with
    /// partial pivoting, as numpy.linalg.solve (LAPACK gesv) does.</summary>
    private static double[] SteadyStateInitialConditions(double[] b, double[] a)
    {
        int n = a.Length - 1;
        var matrix = new double[n, n];
        var rhs = new double[n];
        for (int i = 0; i < n; i++)
        {
            // companion(a)^T has -a[1:] in its first column and ones on the superdiagonal.
            matrix[i, i] += 1;
            matrix[i, 0] += a[i + 1];
            if (i + 1 < n) matrix[i, i + 1] -= 1;
            rhs[i] = b[i + 1] - a[i + 1] * b[0];
        }
        return Solve(matrix, rhs);
    }

    private static double[] Solve(double[,] matrix, double[] rhs)
    {
        int n = rhs.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
                if (Math.Abs(matrix[row, col]) > Math.Abs(matrix[pivot, col])) pivot = row;
            if (matrix[pivot, col] == 0)
                throw new ArgumentException("The filter has no step-response steady state (I - companion(a)^T is singular).");
            if (pivot != col)
            {
                for (int k = 0; k < n; k++) (matrix[col, k], matrix[pivot, k]) = (matrix[pivot, k], matrix[col, k]);
                (rhs[col], rhs[pivot]) = (rhs[pivot], rhs[col]);
            }
            for (int row = col + 1; row < n; row++)
            {
                double factor = matrix[row, col] / matrix[col, col];
                if (factor == 0) continue;
                for (int k = col; k < n; k++) matrix[row, k] -= factor * matrix[col, k];
                rhs[row] -= factor * rhs[col];
            }
        }
        var solution = new double[n];
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = rhs[row];
            for (int k = row + 1; k < n; k++) sum -= matrix[row, k] * solution[k];
            solution[row] = sum / matrix[row, row];
        }
        return solution;
    }

    /// <summary>lfilter in direct form II transposed (a[0] = 1): y = b0 x + z0, then z_i = b_{i+1} x + z_{i+1} - a_{i+1} y,
    /// starting from (and updating) <paramref name="state"/>.</summary>
    private static void FilterInPlace(double[] b, double[] a, double[] signal, double[] state)
    {
        int n = state.Length;
        for (int t = 0; t < signal.Length; t++)
        {
            double input = signal[t];
            double output = b[0] * input + (n > 0 ? state[0] : 0);
            for (int i = 0; i < n - 1; i++)
                state[i] = b[i + 1] * input + state[i + 1] - a[i + 1] * output;
            if (n > 0) state[n - 1] = b[n] * input - a[n] * output;
            signal[t] = output;
        }
    }
}
