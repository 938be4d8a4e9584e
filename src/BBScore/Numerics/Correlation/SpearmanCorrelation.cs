namespace BBScore.Numerics.Correlation;

/// <summary>Spearman's rho as scipy's <c>spearmanr</c>: Pearson's r between the average ranks (ties share
/// their mean rank); NaN when either vector is constant or has fewer than 2 values.</summary>
public static class SpearmanCorrelation
{
    public static double Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"The two vectors must have the same length (got {a.Length} and {b.Length}).");
        return VectorPearson.Compute(AverageRanks.Of(a), AverageRanks.Of(b));
    }
}
