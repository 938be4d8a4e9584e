using BBScore.Numerics.Assignment;

namespace BBScore.Metrics.Similarity.Matching;

/// <summary>
/// The one_to_one score of a source × target correlation matrix: units are paired one-to-one
/// (Hungarian assignment maximising the summed r) and the score is the mean r over the min(D, T) pairs.
/// </summary>
/// <remarks>
/// <see cref="Full"/> (our fix) matches the whole rectangular D × T matrix, so every source unit can be
/// paired with every target. <see cref="Truncated"/> is the original's: it keeps only the first min(D, T)
/// columns of each side and ignores the rest (`--compat bbscore`). Undefined r (constant units) count
/// as 0 (<see cref="UnitCorrelations.Defined"/>).
/// </remarks>
public static class OneToOneMatching
{
    /// <param name="correlations">r, D × T.</param>
    /// <param name="targetCeiling">Floored ceiling per target, or null.</param>
    public static MatchingScore Full(double[,] correlations, double[]? targetCeiling)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        int sources = correlations.GetLength(0), targets = correlations.GetLength(1);
        return Score(correlations, sources, targets, targetCeiling);
    }

    /// <summary>The original's score: only the leading min(D, T) × min(D, T) block is matched.</summary>
    public static MatchingScore Truncated(double[,] correlations, double[]? targetCeiling)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        int size = Math.Min(correlations.GetLength(0), correlations.GetLength(1));
        return Score(correlations, size, size, targetCeiling);
    }

    static MatchingScore Score(double[,] correlations, int sources, int targets, double[]? targetCeiling)
    {
        if (sources == 0 || targets == 0) return MatchingScore.Undefined;
        var defined = new double[sources, targets];
        for (int i = 0; i < sources; i++)
            for (int j = 0; j < targets; j++) defined[i, j] = UnitCorrelations.Defined(correlations[i, j]);

        var pairs = LinearSumAssignment.Solve(defined, maximize: true);
        var matching = new MatchedUnits([(Enumerable.Range(0, pairs.Count).Select(k => pairs.Rows[k]).ToArray(),
                                          Enumerable.Range(0, pairs.Count).Select(k => pairs.Columns[k]).ToArray())]);
        return matching.Score((i, j) => defined[i, j], targetCeiling);
    }
}
