namespace BBScore.Numerics.Correlation;

/// <summary>Unifies the NaN positions of two paired vectors (e.g. two condensed RDMs): a pair is kept only when
/// both of its values are numbers, so an undefined distance in either RDM removes that stimulus pair from the
/// comparison instead of turning the whole comparison into NaN.</summary>
public static class FinitePairs
{
    /// <summary>The pairs where neither value is NaN, in their original order.</summary>
    public static (double[] A, double[] B) Keep(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"The two vectors must have the same length (got {a.Length} and {b.Length}).");
        int kept = 0;
        for (int i = 0; i < a.Length; i++)
            if (!double.IsNaN(a[i]) && !double.IsNaN(b[i])) kept++;
        if (kept == a.Length) return (a.ToArray(), b.ToArray());
        var keptA = new double[kept];
        var keptB = new double[kept];
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) || double.IsNaN(b[i])) continue;
            keptA[k] = a[i];
            keptB[k++] = b[i];
        }
        return (keptA, keptB);
    }
}
