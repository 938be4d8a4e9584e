namespace BBScore.Numerics.Correlation;

/// <summary>Cosine of the angle between two vectors (uncentred): a·b / (‖a‖‖b‖); NaN when either is all zeros
/// or the vectors are empty.</summary>
public static class CosineSimilarity
{
    public static double Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"The two vectors must have the same length (got {a.Length} and {b.Length}).");
        double dot = 0, squaresA = 0, squaresB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            squaresA += a[i] * a[i];
            squaresB += b[i] * b[i];
        }
        double denominator = Math.Sqrt(squaresA) * Math.Sqrt(squaresB);
        return denominator == 0 ? double.NaN : Math.Clamp(dot / denominator, -1.0, 1.0);
    }
}
