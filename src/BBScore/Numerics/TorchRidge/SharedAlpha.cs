namespace BBScore.Numerics.TorchRidge;

/// <summary>The original's single-alpha selection rule for all targets together.</summary>
internal static class SharedAlpha
{
    /// <summary>Index of the best score: a strictly greater score replaces the best, so ties keep
    /// the earlier alpha and NaN never wins; <paramref name="fallback"/> (the original's initial
    /// choice) stands when no score beats −∞.</summary>
    public static int Best(IReadOnlyList<double> scores, int fallback)
    {
        double best = double.NegativeInfinity;
        int chosen = fallback;
        for (int i = 0; i < scores.Count; i++)
        {
            if (scores[i] > best)
            {
                best = scores[i];
                chosen = i;
            }
        }
        return chosen;
    }
}
