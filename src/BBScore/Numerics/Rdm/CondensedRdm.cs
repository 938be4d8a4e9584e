namespace BBScore.Numerics.Rdm;

/// <summary>The condensed form of an RDM: its upper triangle without the diagonal, row by row (entry (i, j),
/// i &lt; j), the order of scipy's <c>pdist</c> and <c>squareform</c>; N stimuli give N(N−1)/2 values.</summary>
public static class CondensedRdm
{
    /// <summary>An RDM needs at least this many stimuli: with 2 there is a single pair, and comparing RDMs by
    /// correlation needs at least 2 pairs.</summary>
    public const int MinStimuli = 3;

    /// <summary>Default tolerance of <see cref="FromSquare"/>, relative to the largest absolute entry.</summary>
    public const double DefaultTolerance = 1e-8;

    /// <summary>N(N−1)/2.</summary>
    public static long Length(int stimuli) => (long)stimuli * (stimuli - 1) / 2;

    /// <summary>Throws a clear error when there are fewer than <see cref="MinStimuli"/> stimuli.</summary>
    public static void RequireStimuli(int stimuli, string what = "An RDM")
    {
        if (stimuli < MinStimuli)
            throw new ArgumentException($"{what} needs at least {MinStimuli} stimuli (conditions); got {stimuli}.");
    }

    /// <summary>The N whose condensed RDM has <paramref name="length"/> values; throws when the length is not
    /// N(N−1)/2 for any N ≥ 3.</summary>
    public static int StimulusCount(long length)
    {
        int n = (int)Math.Round((1 + Math.Sqrt(1 + 8.0 * length)) / 2);
        if (Length(n) != length)
            throw new ArgumentException($"A condensed RDM has N(N−1)/2 values; {length} is not such a number.");
        RequireStimuli(n);
        return n;
    }

    /// <summary>The square (N × N) form: symmetric with a zero diagonal (scipy's <c>squareform</c>).</summary>
    public static double[,] ToSquare(ReadOnlySpan<double> condensed)
    {
        int n = StimulusCount(condensed.Length);
        var square = new double[n, n];
        int k = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                square[i, j] = square[j, i] = condensed[k++];
        return square;
    }

    /// <summary>The condensed form of a square RDM, after checking that it is one: square, symmetric and with a
    /// zero diagonal within <paramref name="relativeTolerance"/> × (largest absolute entry, at least 1). NaN
    /// entries are allowed off the diagonal when their mirror is NaN too (undefined distances).</summary>
    public static double[] FromSquare(double[,] square, double relativeTolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(square);
        int n = square.GetLength(0);
        if (square.GetLength(1) != n)
            throw new ArgumentException($"An RDM must be square; got {n} × {square.GetLength(1)}.", nameof(square));
        RequireStimuli(n);
        double largest = 1;
        foreach (double v in square)
            if (double.IsFinite(v)) largest = Math.Max(largest, Math.Abs(v));
        double tolerance = relativeTolerance * largest;
        for (int i = 0; i < n; i++)
            if (!(Math.Abs(square[i, i]) <= tolerance))
                throw new ArgumentException($"An RDM must have a zero diagonal; entry ({i}, {i}) is {square[i, i]}.", nameof(square));

        var condensed = new double[Length(n)];
        int k = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double upper = square[i, j], lower = square[j, i];
                bool bothNaN = double.IsNaN(upper) && double.IsNaN(lower);
                if (!bothNaN && !(Math.Abs(upper - lower) <= tolerance))
                    throw new ArgumentException($"An RDM must be symmetric; entries ({i}, {j}) = {upper} and ({j}, {i}) = {lower} differ.", nameof(square));
                condensed[k++] = upper;
            }
        return condensed;
    }
}
