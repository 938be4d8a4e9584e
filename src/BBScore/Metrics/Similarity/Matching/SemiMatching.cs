namespace BBScore.Metrics.Similarity.Matching;

/// <summary>
/// The semi_matching score of a source × target correlation matrix: every unit picks its best partner
/// on the other side (many-to-one allowed), score = ½ (mean over source units of their best r + mean
/// over target units of their best r). Undefined r (constant units) count as 0.
/// </summary>
/// <remarks>With a ceiling, each best r is divided by the ceiling of the target involved (the target
/// itself for the target side, the source unit's best target for the source side).</remarks>
public static class SemiMatching
{
    public static MatchingScore Score(double[,] correlations, double[]? targetCeiling)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        int sources = correlations.GetLength(0), targets = correlations.GetLength(1);
        if (sources == 0 || targets == 0) return MatchingScore.Undefined;

        // Strictly greater wins, so ties go to the first unit, as before.
        var bestForTarget = new double[targets];
        var bestSourceOfTarget = new int[targets];
        var bestTargetOfSource = new int[sources];
        Array.Fill(bestForTarget, double.NegativeInfinity);
        for (int i = 0; i < sources; i++)
        {
            double best = double.NegativeInfinity;
            for (int j = 0; j < targets; j++)
            {
                double r = UnitCorrelations.Defined(correlations[i, j]);
                if (r > best) { best = r; bestTargetOfSource[i] = j; }
                if (r > bestForTarget[j]) { bestForTarget[j] = r; bestSourceOfTarget[j] = i; }
            }
        }
        var matching = new MatchedUnits([(Enumerable.Range(0, sources).ToArray(), bestTargetOfSource),
                                         (bestSourceOfTarget, Enumerable.Range(0, targets).ToArray())]);
        return matching.Score((i, j) => correlations[i, j], targetCeiling);
    }
}
