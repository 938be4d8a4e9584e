namespace BBScore.Metrics.Similarity.Matching;

/// <summary>Which (source unit, target unit) pairs a fold's matching score averages: one or more sides, each a list
/// of pairs; the score is the mean over sides of the mean r over the side's pairs (undefined r count as 0, each r
/// ceiled by its target's ceiling). one_to_one has one side (the assigned pairs); semi_matching two (each source with
/// its best target, each target with its best source). Kept with the score so the bootstrap can recompute it on
/// resampled stimuli with the matching fixed, as the regressions keep their fits.</summary>
public sealed record MatchedUnits(IReadOnlyList<(int[] Sources, int[] Targets)> Sides)
{
    /// <param name="correlation">r of (source, target) over the stimuli scored.</param>
    public MatchingScore Score(Func<int, int, double> correlation, double[]? targetCeiling)
    {
        double raw = 0, ceiled = 0;
        foreach (var (sources, targets) in Sides)
        {
            double sideRaw = 0, sideCeiled = 0;
            for (int k = 0; k < sources.Length; k++)
            {
                double r = UnitCorrelations.Defined(correlation(sources[k], targets[k]));
                sideRaw += r;
                sideCeiled += targetCeiling is null ? r : r / targetCeiling[targets[k]];
            }
            raw += sideRaw / sources.Length;
            ceiled += sideCeiled / sources.Length;
        }
        return new MatchingScore(raw / Sides.Count, ceiled / Sides.Count, this);
    }
}
