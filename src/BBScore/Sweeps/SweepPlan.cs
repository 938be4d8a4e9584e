namespace BBScore.Sweeps;

/// <summary>A sweep's cells against the results store: which are done (their key is stored) and the groups
/// that would score the rest.</summary>
public sealed record SweepPlan(IReadOnlyList<SweepCell> Cells, IReadOnlySet<string> Done, IReadOnlyList<SweepGroup> Groups)
{
    public bool IsDone(SweepCell cell) => Done.Contains(cell.Key);

    public int PendingCount => Cells.Count(c => !IsDone(c));

    /// <param name="storedCellKeys">The cell keys already in the store (<see cref="Results.StoredResults.CellKeys"/>).</param>
    public static SweepPlan Make(IReadOnlyList<SweepCell> cells, IReadOnlySet<string> storedCellKeys)
    {
        var done = cells.Select(c => c.Key).Where(storedCellKeys.Contains).ToHashSet(StringComparer.Ordinal);
        return new SweepPlan(cells, done, Group(cells.Where(c => !done.Contains(c.Key)).ToList()));
    }

    /// <summary>One group per model × benchmark × set of pending metrics: a run crosses all its layers with all
    /// its metrics, so only layers missing the same metrics can share one without redoing finished cells. In a
    /// fresh sweep that is one group (one pass over the stimuli) per model and benchmark. Layer aggregation
    /// would merge a run's layers into one result, so with it each layer is its own group.</summary>
    static IReadOnlyList<SweepGroup> Group(IReadOnlyList<SweepCell> pending)
    {
        var groups = new List<SweepGroup>();
        bool layerAlone = pending.Count > 0 && pending[0].Settings.Aggregation != "none"; // one spec: one setting for all
        foreach (var byModelBenchmark in pending.GroupBy(c => (c.Model, c.Benchmark)))
        {
            var byLayer = byModelBenchmark.GroupBy(c => c.Layer).ToList();
            var bySignature = byLayer.GroupBy(l => (layerAlone ? l.Key : "") + "\n" + string.Join("\n", l.Select(c => c.Metric)));
            foreach (var layers in bySignature)
            {
                var cells = layers.SelectMany(l => l).ToList();
                groups.Add(new SweepGroup(groups.Count + 1, byModelBenchmark.Key.Model, byModelBenchmark.Key.Benchmark,
                    layers.Select(l => l.Key).ToList(), layers.First().Select(c => c.Metric).ToList(), cells[0].Settings, cells));
            }
        }
        return groups;
    }
}
