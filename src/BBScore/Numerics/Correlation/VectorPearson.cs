namespace BBScore.Numerics.Correlation;

/// <summary>Pearson's r between two paired vectors, as scipy's <c>pearsonr</c>: centred dot product over the
/// product of norms, clipped to [−1, 1]; NaN with fewer than 2 pairs or when either vector is constant (every
/// value equal to the first, scipy's test), where r is undefined.</summary>
public static class VectorPearson
{
    public static double Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"The two vectors must have the same length (got {a.Length} and {b.Length}).");
        if (a.Length < 2 || IsConstant(a) || IsConstant(b)) return double.NaN;
        double meanA = Mean(a), meanB = Mean(b);
        double cross = 0, squaresA = 0, squaresB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - meanA, db = b[i] - meanB;
            cross += da * db;
            squaresA += da * da;
            squaresB += db * db;
        }
        double denominator = Math.Sqrt(squaresA) * Math.Sqrt(squaresB);
        return denominator == 0 ? double.NaN : Math.Clamp(cross / denominator, -1.0, 1.0);
    }

    internal static bool IsConstant(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (v != values[0]) return false;
        return true;
    }

    static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum / values.Length;
    }
}
