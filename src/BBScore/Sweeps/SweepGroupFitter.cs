namespace BBScore.Sweeps;

/// <summary>A group to run and its estimated peak memory.</summary>
public sealed record FittedGroup(SweepGroup Group, GroupEstimate Estimate)
{
    /// <summary>True when the estimate is known and above the budget: even alone (one layer) it will not fit.</summary>
    public bool TooLarge(long budgetBytes) => Estimate.PeakMemoryBytes > budgetBytes;
}

/// <summary>Splits groups whose layers do not fit in memory together: a run holds every layer's features at once,
/// so <c>layers: all</c> on a deep model (resnet18 has 130) is refused by the run's preflight as one group. Layers
/// are packed in their sweep order into the fewest consecutive chunks whose estimate fits the budget; each chunk
/// costs one more forward pass over the stimuli, which is why groups are not split when they fit.</summary>
public static class SweepGroupFitter
{
    public static IReadOnlyList<FittedGroup> Fit(IReadOnlyList<SweepGroup> groups, Func<SweepGroup, GroupEstimate> estimate, long budgetBytes)
    {
        var fitted = new List<FittedGroup>();
        foreach (var group in groups)
        {
            var whole = estimate(group);
            if (whole.PeakMemoryBytes is not long peak || peak <= budgetBytes || group.Layers.Count == 1)
            {
                fitted.Add(new FittedGroup(group, whole));
                continue;
            }
            var chunk = new List<string>();
            GroupEstimate? chunkEstimate = null;
            foreach (string layer in group.Layers)
            {
                var candidate = estimate(WithLayers(group, [.. chunk, layer]));
                if (chunk.Count > 0 && candidate.PeakMemoryBytes is long grown && grown > budgetBytes)
                {
                    fitted.Add(new FittedGroup(WithLayers(group, chunk), chunkEstimate!));
                    chunk = [layer];
                    chunkEstimate = estimate(WithLayers(group, chunk));
                    continue;
                }
                chunk.Add(layer);
                chunkEstimate = candidate;
            }
            fitted.Add(new FittedGroup(WithLayers(group, chunk), chunkEstimate!));
        }
        return fitted.Select((f, i) => f with { Group = f.Group with { Index = i + 1 } }).ToList();
    }

    static SweepGroup WithLayers(SweepGroup group, IReadOnlyList<string> layers)
    {
        var keep = layers.ToHashSet(StringComparer.Ordinal);
        return group with { Layers = layers, Cells = group.Cells.Where(c => keep.Contains(c.Layer)).ToList() };
    }
}
